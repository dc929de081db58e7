"""Quotations: direct, mixed and indirect, each with its cue and speaker.

Direct quotations are found from the quotation marks (straight and curly,
across paragraphs when a paragraph ends inside a quotation and the next opens
with a mark); the cue verb and speaker come from the parse of the sentence
("X said", "said X, a professor at ...", "according to X"); a pronoun speaker
is the last person named before it; a quotation with no cue of its own takes
the speaker of the quotation it runs into. Fragments inside a clause ("urged
an end to acts that “raise tensions”") are ``mixed``; a cue verb with a
content clause ("Putin stated that ...") is ``indirect``.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..records import ActorRef, Quote, content_id
from .actors import PERSON_NOUNS, ActorIndex
from .syntax import doc_text, sentence_of, sentences, subject_head

CUE_LEMMAS = {
    "say", "state", "tell", "add", "urge", "claim", "warn", "insist", "deny", "accuse", "argue", "note",
    "stress", "declare", "announce", "explain", "write", "ask", "reply", "respond", "believe", "think",
    "comment", "remark", "observe", "suggest", "emphasise", "emphasize", "assert", "allege", "maintain",
    "acknowledge", "admit", "caution", "predict", "vow", "pledge", "promise", "describe", "tweet",
    "conclude", "contend", "recall", "complain", "reiterate", "underline", "echo", "call", "inform", "brief",
}
OPEN_MARKS = {"“": "”", "„": "”", '"': '"', "«": "»"}
# Quotations of this many words or fewer, with no cue, are scare quotes
# ("self-described “friends”"): marked words, not a person's speech.
SCARE_QUOTE_MAX_WORDS = 4


@dataclass(slots=True)
class QuoteSpan:
    start: int  # first character inside the opening mark
    end: int  # character after the last quoted character
    open_at: int  # position of the opening mark


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Quoted stretches of text, including those that run across paragraphs."""
    spans: list[QuoteSpan] = []
    i, n = 0, len(text)
    open_at: int | None = None
    closer = ""
    while i < n:
        ch = text[i]
        if open_at is None:
            if ch in OPEN_MARKS:
                # a straight quote directly after a letter is a closing/stray mark
                if ch == '"' and i > 0 and text[i - 1].isalnum():
                    i += 1
                    continue
                open_at, closer = i, OPEN_MARKS[ch]
        else:
            if ch == closer:
                if i > open_at + 1:
                    spans.append(QuoteSpan(open_at + 1, i, open_at))
                open_at = None
            elif ch == "“" and closer == "”":
                # a new opening mark before the close: the earlier quotation
                # ended unmarked ("... years. “Take care,” he urged")
                end = i
                while end > open_at + 1 and text[end - 1].isspace():
                    end -= 1
                spans.append(QuoteSpan(open_at + 1, end, open_at))
                open_at = i
            elif ch == "\n" and text.startswith("\n\n", i):
                nxt = i + 2
                if nxt < n and text[nxt] == ("“" if closer == "”" else closer):
                    i = nxt  # the quotation continues in the next paragraph
                else:
                    end = i
                    spans.append(QuoteSpan(open_at + 1, end, open_at))
                    open_at = None
        i += 1
    if open_at is not None and n > open_at + 1:
        spans.append(QuoteSpan(open_at + 1, n, open_at))
    return spans


def _inside(tok: Token, spans: list[QuoteSpan]) -> bool:
    return any(s.open_at <= tok.idx < s.end + 1 for s in spans)


def _according_to(sent: Span) -> Token | None:
    for t in sent:
        if t.lower_ == "according":
            for c in t.children:
                if c.lower_ == "to":
                    objs = [o for o in c.children if o.dep_ == "pobj"]
                    if objs:
                        return objs[0]
    return None


def _cue_and_speaker(sent: Span, spans: list[QuoteSpan], q: QuoteSpan) -> tuple[str | None, Token | None]:
    """The speech verb outside the quotation and its subject, nearest the quote."""
    cues = [t for t in sent if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in CUE_LEMMAS and not _inside(t, spans)]
    cues.sort(key=lambda t: min(abs(t.idx - q.open_at), abs(t.idx - q.end)))
    for cue in cues:
        subj = subject_head(cue)
        if subj is None:
            # inversion parsed as object or appositive: "said Jean-Pierre Cabestan"
            subj = next((c for c in cue.children if c.dep_ in ("dobj", "attr", "npadvmod") and c.idx > cue.idx and not _inside(c, spans)), None)
        if subj is not None and not _inside(subj, spans):
            return cue.lemma_.lower(), subj
    acc = _according_to(sent)
    if acc is not None:
        return "according to", acc
    return None, None


JOINT_TEXTS = {"statement", "declaration", "communique", "communiqué", "letter"}
# "the commissioner said": a person named earlier by their office.
ROLE_SPEAKERS = PERSON_NOUNS | {"secretary", "commissioner", "premier", "chancellor", "envoy", "chief", "prime"}


def _speakers_of(subj: Token, index: ActorIndex) -> list[ActorRef]:
    """All actors a speaker phrase names ("both leaders": Xi and Putin)."""
    refs = index.resolve(subj)
    if refs:
        return refs
    one = _speaker_of(subj, index)
    return [one] if one else []


def _speaker_of(subj: Token, index: ActorIndex) -> ActorRef | None:
    refs = index.resolve(subj)
    if refs:
        return refs[0]
    if subj.tag_ == "NN" and subj.lemma_.lower() in ROLE_SPEAKERS and any(
        c.lower_ in ("the", "this") for c in subj.children
    ):
        return index.last_person(subj.i)
    if subj.lemma_.lower() in JOINT_TEXTS and any(c.lower_ == "joint" for c in subj.children):
        group = index.last_group(subj.i)  # "the joint statement" speaks for those who issued it
        return group[0] if group else None
    return None


def _speaker_span(tok: Token, ref: ActorRef | None) -> tuple[str, int, int]:
    if ref is not None and ref.start <= tok.idx < ref.end:
        return ref.text, ref.start, ref.end
    left = tok.left_edge
    span = tok.doc[left.i : tok.i + 1]
    return span.text, span.start_char, span.end_char


def _kind(text: str, sent: Span, q: QuoteSpan, cue: str | None) -> str:
    before = text[sent.start_char : q.open_at].strip()
    words = len(text[q.start : q.end].split())
    opens_clause = not before or before.endswith((",", ":", "—", "–")) or q.open_at <= sent.start_char
    if opens_clause and (words > SCARE_QUOTE_MAX_WORDS or cue is not None):
        return "direct"
    if cue is not None and words > 8 and before.endswith(("said", "says", "added", "stated")):
        return "direct"
    return "mixed"


def extract_quotes(doc: Doc, index: ActorIndex, article_id: str, sent_index: dict[int, int],
                   headings: list[tuple[int, int]] = ()) -> list[Quote]:
    """Quotations of a parsed article; quoted words in section ``headings``
    (character spans) are the editor's, not a speaker's, and are skipped."""
    text = doc_text(doc)
    spans = [s for s in find_quote_spans(text) if not any(h0 <= s.open_at < h1 for h0, h1 in headings)]
    sents = sentences(doc)
    quotes: list[Quote] = []
    pending: list[tuple[QuoteSpan, Span]] = []  # uncued quotes waiting for a speaker

    def sentence_at(pos: int) -> Span:
        for s in sents:
            if s.start_char <= pos < s.end_char:
                return s
        return sents[-1]

    def emit(q: QuoteSpan, sent: Span, cue: str | None, speaker_tok: Token | None, speaker: ActorRef | None,
             kind: str | None = None) -> Quote:
        group = _speakers_of(speaker_tok, index) if speaker_tok is not None and speaker is not None else []
        stext = sstart = send = None
        if speaker_tok is not None:
            stext, sstart, send = _speaker_span(speaker_tok, speaker)
        quote = Quote(
            id=content_id(article_id, q.start, q.end),
            article_id=article_id,
            sentence_index=sent_index[sent.start],
            text=text[q.start : q.end].strip(),
            start=q.start,
            end=q.end,
            kind=kind or _kind(text, sent, q, cue),
            cue=cue,
            speaker_text=stext,
            speaker_start=sstart,
            speaker_end=send,
            speaker=speaker,
            speakers=group if len(group) > 1 else [],
        )
        quotes.append(quote)
        return quote

    attributed: list[tuple[QuoteSpan, Token | None, ActorRef | None]] = []

    def continues(q: QuoteSpan) -> tuple[Token | None, ActorRef | None] | None:
        """A quotation with no cue that follows a speaker's quotation in the
        same or the next paragraph continues it."""
        for prev, tok, ref in reversed(attributed):
            if prev.end <= q.open_at:
                gap = text[prev.end : q.open_at]
                return (tok, ref) if gap.count("\n\n") <= 1 and len(gap) < 600 else None
        return None

    for q in spans:
        sent = sentence_at(q.open_at)
        # the quotation may span several sentences: look for the cue in the
        # sentence after its end too ("“... years. “Take care,” he urged")
        end_sent = sentence_at(max(q.end - 1, q.open_at))
        cue, subj = _cue_and_speaker(sent, spans, q)
        if cue is None and end_sent is not sent:
            cue, subj = _cue_and_speaker(end_sent, spans, q)
        if cue is None:
            pending.append((q, sent))
            continue
        speaker = _speaker_of(subj, index) if subj is not None else None
        emit(q, sent, cue, subj, speaker)
        attributed.append((q, subj, speaker))
        # an uncued quotation right before this one is the same speaker's
        while pending and text[pending[-1][0].end : q.open_at].count("\n\n") <= 1 and q.open_at - pending[-1][0].end < 400:
            pq, psent = pending.pop()
            emit(pq, psent, None, subj, speaker)
    for q, sent in pending:
        if len(text[q.start : q.end].split()) <= SCARE_QUOTE_MAX_WORDS:
            continue
        prior = continues(q)
        if prior is not None:
            emit(q, sent, None, prior[0], prior[1])
        else:
            emit(q, sent, None, None, None)
    quotes += _indirect(doc, index, article_id, sent_index, spans)
    quotes.sort(key=lambda q: q.start)
    return quotes


def _indirect(doc: Doc, index: ActorIndex, article_id: str, sent_index: dict[int, int], spans: list[QuoteSpan]) -> list[Quote]:
    """Reported speech: a cue verb whose content clause holds no quotation."""
    out = []
    for tok in doc:
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in CUE_LEMMAS:
            continue
        clause = next((c for c in tok.children if c.dep_ == "ccomp"), None)
        subj = subject_head(tok) if clause is not None else None
        if clause is None or subj is None:
            continue
        cl = doc[clause.left_edge.i : clause.right_edge.i + 1]
        if any(s.open_at < cl.end_char and cl.start_char < s.end + 1 for s in spans) or any(t.text in OPEN_MARKS or t.text == "”" for t in cl):
            continue  # the clause is (inside) a direct quotation
        if len(cl) < 4:
            continue
        group = _speakers_of(subj, index)
        speaker = group[0] if group else None
        stext, sstart, send = _speaker_span(subj, speaker)
        clause_text = cl.text.rstrip()
        out.append(
            Quote(
                id=content_id(article_id, cl.start_char, cl.end_char),
                article_id=article_id,
                sentence_index=sent_index[sentence_of(tok).start],
                text=clause_text,
                start=cl.start_char,
                end=cl.start_char + len(clause_text),
                kind="indirect",
                cue=tok.lemma_.lower(),
                speaker_text=stext,
                speaker_start=sstart,
                speaker_end=send,
                speaker=speaker,
                speakers=group if len(group) > 1 else [],
            )
        )
    return out
