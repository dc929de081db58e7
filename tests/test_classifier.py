"""The sentence event classifier: what it reads, its exported weights, and the shipped model."""

from __future__ import annotations

import numpy as np
import pytest

from worldwire.nlp.classify import Classifier, classifier_text, load_classifier, sentence_scores
from worldwire.ontology.plover import event_types
from worldwire.training import events as training


@pytest.fixture(scope="module")
def nlp(coder):
    return coder.nlp


def test_classifier_text_masks_entities_and_adds_root_and_lexicon_types(nlp):
    doc = nlp("Russia accused Ukraine of shelling the Zaporizhzhia plant on Sunday.")
    text = classifier_text(doc)
    words = text.split()
    assert words[:3] == ["<GPE>", "accuse", "<GPE>"]
    assert "<DATE>" in words and "sunday" not in words
    assert "ROOT_accuse" in words
    # the lexicon matches both the accusation and the shelling; the model weighs them
    assert "LEX_ACCUSE" in words and "LEX_ASSAULT" in words


def test_whitespace_sentence_gets_no_scores(nlp):
    doc = nlp("   ")
    assert sentence_scores(list(doc.sents) or [doc[:]]) == [{}]


def test_exported_weights_give_the_scikit_learn_probabilities(tmp_path):
    pytest.importorskip("sklearn")
    texts = [
        "<GPE> accuse <GPE> of shell the city . ROOT_accuse LEX_ACCUSE",
        "<GPE> condemn the strike on <GPE> . ROOT_condemn LEX_ACCUSE LEX_ASSAULT",
        "<GPE> and <GPE> sign a trade agreement . ROOT_sign LEX_AGREE",
        "the two side reach a deal on grain . ROOT_reach LEX_AGREE",
        "the striker score twice as <ORG> win . ROOT_score",
        "rain be expect across the north on <DATE> . ROOT_expect",
    ]
    labels = ["ACCUSE", "ACCUSE", "AGREE", "AGREE", "NONE", "NONE"]
    pipe = training.fit(texts, labels)
    training.export(pipe, tmp_path / "m.npz")
    clf = Classifier.load(tmp_path / "m.npz")
    unseen = ["<GPE> accuse <GPE> of a deal . ROOT_accuse", "score a deal twice twice", "nothing known here"]
    want = pipe.predict_proba(unseen)
    got = np.array([[clf.scores(t)[c] for c in pipe.classes_] for t in unseen])
    np.testing.assert_allclose(got, want, rtol=1e-4, atol=1e-6)


def test_training_reads_each_sentence_also_without_the_lexicons_types():
    pytest.importorskip("sklearn")
    text = "<GPE> reject <GPE> 's demand . ROOT_reject LEX_REJECT LEX_REQUEST MAIN_reject D_dobj_demand"
    assert training.without_lexicon(text) == "<GPE> reject <GPE> 's demand . ROOT_reject MAIN_reject D_dobj_demand"
    texts = [
        "<GPE> reject the offer . ROOT_reject LEX_REJECT",
        "<GPE> turn down the plan . ROOT_turn LEX_REJECT",
        "<GPE> sign a deal with <GPE> . ROOT_sign LEX_AGREE",
        "the two side reach a deal . ROOT_reach LEX_AGREE",
    ]
    pipe = training.fit(texts, ["REJECT", "REJECT", "AGREE", "AGREE"])
    vec = pipe.steps[0][1]
    # "reject" is in one sentence of four, read twice: document frequency 2 of 8
    assert vec.idf_[vec.vocabulary_["reject"]] == pytest.approx(np.log(9 / 3) + 1)
    # "LEX_REJECT" is in two sentences of four, and in neither copy: two rows of eight
    assert vec.idf_[vec.vocabulary_["LEX_REJECT"]] == pytest.approx(np.log(9 / 3) + 1)
    # the wording alone names the act
    probs = dict(zip(pipe.classes_, pipe.predict_proba(["<GPE> turn down the offer . ROOT_turn"])[0]))
    assert probs["REJECT"] > probs["AGREE"]


def test_shipped_classifier_knows_every_type_and_reads_plain_sentences(nlp):
    clf = load_classifier()
    assert clf is not None
    assert set(clf.classes) == {*event_types(), "NONE"}
    cases = {
        "The two governments signed a trade agreement in Nairobi on Monday.": "AGREE",
        "Thousands of farmers marched on the capital to protest against falling grain prices.": "PROTEST",
        "The home side won 3-1 after a late goal from their captain.": "NONE",
    }
    for text, label in cases.items():
        scores = sentence_scores(list(nlp(text).sents))[0]
        assert max(scores, key=scores.get) == label, (text, sorted(scores.items(), key=lambda kv: -kv[1])[:3])
        assert sum(scores.values()) == pytest.approx(1.0)


def test_training_reads_every_bank_part_and_keeps_dev_out():
    items = training.read_bank()
    parts = {it["id"].split("-")[0] for it in items}
    assert {"b1", "b2", "b3a", "b3b", "b3c", "b3d", "b4a", "b4b", "b4c", "b4d"} <= parts
    dev = [it for it in items if it.get("split") == "dev"]
    assert len(dev) == 640 and all(it["id"].startswith(("b1-", "b2-")) for it in dev)
    assert len(items) >= 5200


def test_cross_validation_scores_train_items_out_of_fold_and_leaves_dev_out():
    items = training.read_bank()
    sample = [it for it in items if it["id"].startswith("b1-")][:60]  # train and dev items of part 1
    sample += [it for it in items if it["id"].startswith("b7")][:20]  # always trained on, never scored
    assert any(it.get("split") == "dev" for it in sample)
    scored = [it for it in sample if it.get("split") != "dev" and not it["id"].startswith("b7")]
    d = training.cross_validate(sample, folds=2)
    assert d["items"] == len(scored)
    assert 0.0 < d["type_f1"] <= 1.0 and set(d) >= {"source_f1", "target_f1", "triple_f1", "modality_accuracy"}
