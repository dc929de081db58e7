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
]
