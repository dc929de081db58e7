from worldwire.nlp.quotes import find_quote_spans


def _speaker(q):
    return q.speaker.name if q.speaker else None


def test_quote_spans_curly_straight_and_restarted():
    text = 'He said “one two. “Three,” he added. Then "four five" came.'
    found = [text[s.start : s.end] for s in find_quote_spans(text)]
    assert found == ["one two.", "Three,", "four five"]


def test_quote_running_across_paragraphs_is_one_quote():
    text = "“The first part goes on\n\n“and ends here,” she said."
    spans = find_quote_spans(text)
    assert len(spans) == 1
    assert text[spans[0].start : spans[0].end].endswith("ends here,")


def test_said_inversion_with_appositive(code):
    q = code("“This raises the stakes for Europe,” said Miriam Okafor, a professor at the Lisbon Institute.").quotes[0]
    assert q.kind == "direct" and q.cue == "say"
    assert q.speaker_text == "Miriam Okafor"


def test_subject_speaker_resolved_to_person(code):
    q = code("Putin said the terms “might be used as the basis” for a settlement.").quotes
    mixed = [x for x in q if x.kind == "mixed"][0]
    assert _speaker(mixed) == "Vladimir Putin"
    assert mixed.speaker.country == "RUS"


def test_according_to(code):
    coded = code("The statement, according to analyst Alexander Korolev, showed “overall convergence of views on many issues.”")
    q = [x for x in coded.quotes if x.kind != "indirect"][0]
    assert q.cue == "according to" and "Korolev" in q.speaker_text


def test_pronoun_speaker_is_last_person(code):
    coded = code("Xi Jinping attended a dinner with officials.\n\n“Take care of yourselves,” he said as the evening ended.")
    q = coded.quotes[0]
    assert _speaker(q) == "Xi Jinping" and q.speaker_text == "he"


def test_uncued_quote_takes_speaker_of_following_quote(code):
    text = "“We should move these changes forward together for the next decade. “Take care,” he urged as Xi Jinping left."
    coded = code("Vladimir Putin stood at the door.\n\n" + text)
    speakers = {q.text: _speaker(q) for q in coded.quotes}
    assert speakers["We should move these changes forward together for the next decade."] == "Vladimir Putin"


def test_scare_quotes_are_not_quotations(code):
    coded = code("The two self-described “friends” toured the Kremlin.")
    assert coded.quotes == []


def test_indirect_speech(code):
    q = code("Zelensky said that Russia had refused every proposal for talks.").quotes
    ind = [x for x in q if x.kind == "indirect"][0]
    assert ind.text.startswith("that Russia") or ind.text.startswith("Russia")
    assert _speaker(ind) == "Volodymyr Zelensky"
