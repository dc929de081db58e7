"""Events: PLOVER events from trigger words, the dependency parse and a sentence classifier.

A trigger (``ontology/data/triggers.csv``: lemma, required dependents, type,
mode) gives the event type and explains why the event was coded. Source and
target actors come from the parse. The modules, in the order the coder uses
them (:mod:`.extract` runs the flow):

- :mod:`.arguments`: doers and targets of one trigger;
- :mod:`.occasions`: which events a sentence reports (nested acts,
  meetings told as an occasion, hosts);
- :mod:`.classifier`: the sentence classifier's check, relabelling and
  added events;
- :mod:`.rules`: codebook rules that retype or reshape an event;
- :mod:`.extract`: the flow, and the article-level passes the pipeline calls
  once mentions and places are known;
- :mod:`.quotations`: events read from direct quotations once their
  speakers are known.
"""

from .extract import extract_events, place_targets, sentence_parties, story_counterparts
from .quotations import credit_quoted_events, quoted_charges

__all__ = ["credit_quoted_events", "extract_events", "place_targets", "quoted_charges", "sentence_parties",
           "story_counterparts"]
