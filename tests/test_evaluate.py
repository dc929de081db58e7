import json

import pytest
from click.testing import CliRunner

from worldwire.cli import cli
from worldwire.errors import InputError
from worldwire.evaluate import evaluate, read_gold

GOLD = [
    {"id": "g1", "date": "2023-03-21", "events": [{"type": "CONSULT", "source": ["JPN"], "target": ["UKR"], "modality": "asserted"}],
     "text": "Japanese Prime Minister Fumio Kishida met Ukrainian President Volodymyr Zelensky in Kyiv on Tuesday."},
    {"id": "g2", "date": "2023-04-26", "events": [], "text": "The home side won the league final 3-1 on Wednesday night."},
    {"id": "g3", "date": "2023-04-26", "events": [],
     "text": "“We will not give up on our partners,” said Dmytro Kuleba, Ukraine's foreign minister.",
     "quotes": [{"quote": "We will not give up on our partners,", "speaker": "Dmytro Kuleba", "kind": "direct"}]},
]


@pytest.fixture()
def gold_file(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(g) for g in GOLD), encoding="utf-8")
    return path


def test_perfect_items_score_one(gold_file, coder):
    result = evaluate(gold_file, coder)
    assert result["items"] == 3
    assert result["type_f1"] == result["source_f1"] == result["target_f1"] == result["triple_f1"] == 1.0
    assert result["speaker_accuracy"] == 1.0 and result["quote_span_f1"] == 1.0
    assert result["confusion"]["NONE->NONE"] == 2
    assert result["type_precision_by_method"] == {"lexicon": {"events": 1, "precision": 1.0}}


def test_wrong_gold_lowers_the_scores(tmp_path, coder):
    wrong = dict(GOLD[0], events=[{"type": "ACCUSE", "source": ["JPN"], "target": ["CHN"]}])
    path = tmp_path / "wrong.jsonl"
    path.write_text(json.dumps(wrong), encoding="utf-8")
    result = evaluate(path, coder)
    assert result["type_f1"] == 0.0
    assert result["confusion"] == {"ACCUSE->CONSULT": 1}
    assert result["type_precision_by_method"] == {"lexicon": {"events": 1, "precision": 0.0}}


def test_a_group_of_states_is_scored_as_igo(tmp_path, coder):
    # the gold format has no code for "the West" (KB id WST): it is IGO there
    item = {"id": "w1", "date": "2022-09-21",
            "text": "Russian President Vladimir Putin warned the West that Moscow would use all means to defend "
                    "its territory.",
            "events": [{"type": "THREATEN", "source": ["RUS"], "target": ["IGO"]}]}
    path = tmp_path / "west.jsonl"
    path.write_text(json.dumps(item), encoding="utf-8")
    result = evaluate(path, coder)
    assert result["type_f1"] == result["target_f1"] == result["triple_f1"] == 1.0


def test_split_filter(tmp_path, coder):
    path = tmp_path / "split.jsonl"
    path.write_text("\n".join(json.dumps(dict(g, split="dev" if i == 0 else "train")) for i, g in enumerate(GOLD)), encoding="utf-8")
    assert evaluate(path, coder, split="dev")["items"] == 1


def test_malformed_gold_line_names_file_and_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(GOLD[0]) + "\n{not json\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_gold(path)
    assert err.value.line == 2 and "malformed JSON" in err.value.reason


def test_cli_json_has_the_documented_keys(gold_file):
    result = CliRunner().invoke(cli, ["evaluate", str(gold_file), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    for key in ("type_f1", "source_f1", "target_f1", "triple_f1", "modality_accuracy", "speaker_accuracy"):
        assert key in data


ARTICLE = ("Japanese Prime Minister Fumio Kishida met Ukrainian President Volodymyr Zelensky in Kyiv on Tuesday. "
           "Kishida later laid flowers at a memorial wall for fallen soldiers in the city centre.")


def _article_scores(tmp_path, coder, evidence):
    event = {"type": "CONSULT", "source": ["JPN"], "target": ["UKR"], "modality": "asserted"}
    if evidence:
        event["evidence"] = evidence
    path = tmp_path / "article.jsonl"
    path.write_text(json.dumps({"id": "a1", "date": "2023-03-21", "text": ARTICLE, "events": [event]}), encoding="utf-8")
    return evaluate(path, coder)


def test_evidence_scores_an_article_sentence_by_sentence(tmp_path, coder):
    # the gold meeting is told in the first sentence: the coder's meeting there matches it
    assert _article_scores(tmp_path, coder, "met Ukrainian President")["triple_f1"] == 1.0
    # a gold meeting placed in the second sentence does not match the one coded in the first ...
    placed = _article_scores(tmp_path, coder, "laid flowers at a memorial wall")
    assert placed["type_precision"] == placed["type_recall"] == placed["source_f1"] == 0.0
    # ... which the article as a whole, without evidence, would have credited
    assert _article_scores(tmp_path, coder, None)["type_f1"] == 1.0


def test_evidence_not_in_the_text_names_file_and_line(tmp_path):
    item = dict(GOLD[0], events=[dict(GOLD[0]["events"][0], evidence="held talks with")])
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(GOLD[1]) + "\n" + json.dumps(item) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_gold(path)
    assert err.value.line == 2 and "held talks with" in err.value.reason


def test_quotations_of_a_kind_the_gold_never_annotates_are_no_false_alarms(tmp_path, coder):
    text = ("“We will not give up on our partners,” said Dmytro Kuleba, Ukraine's foreign minister. He said Kyiv "
            "expected more air defence systems from its allies before the winter.")
    direct = {"id": "q1", "date": "2023-04-26", "text": text,
              "quotes": [{"quote": "We will not give up on our partners,", "speaker": "Dmytro Kuleba", "kind": "direct"}]}
    path = tmp_path / "direct.jsonl"
    path.write_text(json.dumps(direct), encoding="utf-8")
    # the gold lists direct quotations only: the indirect speech the coder also finds is outside it
    assert evaluate(path, coder)["quote_span_f1"] == 1.0
    # a file that annotates indirect speech elsewhere counts the unlisted indirect quotation as a false alarm
    other = {"id": "q2", "date": "2023-04-26", "text": "Kuleba said the talks had been useful.",
             "quotes": [{"quote": "the talks had been useful", "speaker": "Kuleba", "kind": "indirect"}]}
    path.write_text(json.dumps(direct) + "\n" + json.dumps(other), encoding="utf-8")
    assert evaluate(path, coder)["quote_span_f1"] < 1.0
