"""Numbered schema migrations. Append new ones; never edit an applied one."""

from __future__ import annotations

MIGRATIONS: list[tuple[int, str, str]] = [
    (
        1,
        "articles, sentences, mentions, actors, events, quotes",
        """
        CREATE TABLE articles (
            id VARCHAR PRIMARY KEY,          -- content hash of the cleaned text
            url VARCHAR,
            location VARCHAR NOT NULL,       -- first file path or URL it came from
            title VARCHAR,
            published DATE,
            source VARCHAR,
            author VARCHAR,
            language VARCHAR NOT NULL,
            text VARCHAR NOT NULL,
            sections VARCHAR NOT NULL,       -- JSON [{heading, start, end}]
            ingested_at TIMESTAMP NOT NULL
        );
        CREATE TABLE article_locations (
            article_id VARCHAR NOT NULL,
            location VARCHAR NOT NULL,
            url VARCHAR,
            PRIMARY KEY (article_id, location)
        );
        CREATE TABLE sentences (
            article_id VARCHAR NOT NULL,
            idx INTEGER NOT NULL,
            start_char INTEGER NOT NULL,
            end_char INTEGER NOT NULL,
            text VARCHAR NOT NULL,
            PRIMARY KEY (article_id, idx)
        );
        CREATE TABLE actors (
            actor_id VARCHAR PRIMARY KEY,
            name VARCHAR NOT NULL,
            kind VARCHAR NOT NULL,
            qid VARCHAR
        );
        CREATE TABLE mentions (
            article_id VARCHAR NOT NULL,
            sentence_index INTEGER NOT NULL,
            start_char INTEGER NOT NULL,
            end_char INTEGER NOT NULL,
            text VARCHAR NOT NULL,
            actor_id VARCHAR NOT NULL,
            name VARCHAR NOT NULL,
            kind VARCHAR NOT NULL,
            country VARCHAR,
            sector VARCHAR,
            method VARCHAR NOT NULL
        );
        CREATE TABLE events (
            id VARCHAR PRIMARY KEY,
            article_id VARCHAR NOT NULL,
            sentence_index INTEGER NOT NULL,
            sentence VARCHAR NOT NULL,
            trigger_text VARCHAR NOT NULL,
            trigger_start INTEGER NOT NULL,
            trigger_end INTEGER NOT NULL,
            type VARCHAR NOT NULL,
            mode VARCHAR,
            context VARCHAR,
            modality VARCHAR NOT NULL,
            cameo_root VARCHAR NOT NULL,
            cameo_code VARCHAR NOT NULL,
            goldstein DOUBLE NOT NULL,
            quad_class INTEGER NOT NULL,
            confidence DOUBLE NOT NULL,
            method VARCHAR NOT NULL
        );
        CREATE TABLE event_actors (
            event_id VARCHAR NOT NULL,
            role VARCHAR NOT NULL,           -- source | target
            position INTEGER NOT NULL,
            actor_id VARCHAR NOT NULL,
            name VARCHAR NOT NULL,
            kind VARCHAR NOT NULL,
            country VARCHAR,
            sector VARCHAR,
            text VARCHAR NOT NULL,
            start_char INTEGER NOT NULL,
            end_char INTEGER NOT NULL,
            PRIMARY KEY (event_id, role, position)
        );
        CREATE TABLE quotes (
            id VARCHAR PRIMARY KEY,
            article_id VARCHAR NOT NULL,
            sentence_index INTEGER NOT NULL,
            text VARCHAR NOT NULL,
            start_char INTEGER NOT NULL,
            end_char INTEGER NOT NULL,
            kind VARCHAR NOT NULL,
            cue VARCHAR,
            speaker_text VARCHAR,
            speaker_start INTEGER,
            speaker_end INTEGER,
            speaker_actor_id VARCHAR,
            speaker_name VARCHAR,
            speaker_kind VARCHAR,
            speaker_country VARCHAR,
            speaker_sector VARCHAR
        );
        CREATE INDEX events_article ON events(article_id);
        CREATE INDEX event_actors_actor ON event_actors(actor_id);
        CREATE INDEX mentions_article ON mentions(article_id);
        CREATE INDEX quotes_article ON quotes(article_id);
        """,
    ),
    (
        2,
        "duplicates, rewrites and stories: fingerprints, LSH bands, copy groups, story terms",
        """
        CREATE TABLE dedup_fingerprints (
            article_id VARCHAR PRIMARY KEY,
            scheme VARCHAR NOT NULL,         -- ingest.dedup.SCHEME: shingle size, permutations, bands
            n_shingles INTEGER NOT NULL,
            text_minhash BLOB NOT NULL,      -- uint32 x NUM_PERM, word 4-shingles
            n_words INTEGER NOT NULL,
            words_minhash BLOB NOT NULL,     -- uint32 x WORDS_PERM, content words
            facts BIGINT[] NOT NULL,         -- sorted hashes of entities, numbers, quotation 3-grams
            facts_minhash BLOB NOT NULL      -- uint32 x NUM_PERM
        );
        CREATE TABLE dedup_bands (
            key BIGINT NOT NULL,             -- hash of (scheme, index, band, the band's MinHash rows)
            article_id VARCHAR NOT NULL
        );
        CREATE INDEX dedup_bands_key ON dedup_bands(key);
        CREATE TABLE article_dedup (
            article_id VARCHAR PRIMARY KEY,
            report_id VARCHAR NOT NULL,      -- canonical article of its copy group (itself when canonical)
            duplicate_of VARCHAR,            -- = report_id for a near duplicate
            rewrite_of VARCHAR,              -- = report_id for a rewrite
            similarity VARCHAR,              -- JSON: the comparison with report_id
            story_id VARCHAR NOT NULL,
            story_score DOUBLE,              -- similarity to the story it joined; NULL: it began the story
            matched_at TIMESTAMP NOT NULL
        );
        CREATE TABLE story_terms (
            article_id VARCHAR NOT NULL,
            term VARCHAR NOT NULL,           -- e:hiroshima (entity), a:JPN (actor), t:CONSULT (event type)
            weight DOUBLE NOT NULL
        );
        CREATE INDEX story_terms_article ON story_terms(article_id);
        CREATE TABLE story_term_df (
            term VARCHAR PRIMARY KEY,
            n INTEGER NOT NULL               -- articles with the term
        );
        """,
    ),
    (
        3,
        "reason: how each actor mention was resolved",
        """
        ALTER TABLE mentions ADD COLUMN reason VARCHAR;
        ALTER TABLE event_actors ADD COLUMN reason VARCHAR;
        ALTER TABLE quotes ADD COLUMN speaker_reason VARCHAR;
        """,
    ),
    (
        4,
        "where, when and tone: event location, date and tone; article and sentence tone",
        """
        ALTER TABLE events ADD COLUMN location VARCHAR;           -- JSON {name, country, admin1, lat, lon, precision, reason, ...}
        ALTER TABLE events ADD COLUMN location_country VARCHAR;   -- ISO3, for filters
        ALTER TABLE events ADD COLUMN location_lat DOUBLE;
        ALTER TABLE events ADD COLUMN location_lon DOUBLE;
        ALTER TABLE events ADD COLUMN event_date DATE;
        ALTER TABLE events ADD COLUMN date_precision VARCHAR;     -- day | week | month | year
        ALTER TABLE events ADD COLUMN date_reason VARCHAR;
        ALTER TABLE events ADD COLUMN tone DOUBLE;                -- -100..+100 (nlp/tone.py)
        ALTER TABLE articles ADD COLUMN tone DOUBLE;
        ALTER TABLE sentences ADD COLUMN tone DOUBLE;
        """,
    ),
    (
        5,
        "collective speakers: every member of 'both leaders'",
        """
        ALTER TABLE quotes ADD COLUMN speakers VARCHAR;           -- JSON [actor], empty when one actor speaks
        """,
    ),
    (
        6,
        "fetching: per-URL state (conditional requests) and the feed entries already seen",
        """
        CREATE TABLE fetch_state (
            url VARCHAR PRIMARY KEY,         -- the URL as asked for (a page or a feed)
            kind VARCHAR NOT NULL,           -- page | feed
            final_url VARCHAR,               -- after redirects; the URL the validators belong to
            etag VARCHAR,                    -- sent back as If-None-Match
            last_modified VARCHAR,           -- sent back as If-Modified-Since
            http_status INTEGER,
            status VARCHAR NOT NULL,         -- stored | location | unchanged | rejected (pages); fetched | unchanged | rejected (feeds)
            reason VARCHAR,                  -- why it was rejected
            fetched_at TIMESTAMP NOT NULL,
            article_id VARCHAR               -- the article the page holds
        );
        CREATE TABLE feed_entries (
            feed_url VARCHAR NOT NULL,
            entry_key VARCHAR NOT NULL,      -- the entry's id (guid), else its link
            link VARCHAR NOT NULL,
            seen_at TIMESTAMP NOT NULL,
            PRIMARY KEY (feed_url, entry_key)
        );
        """,
    ),
]
