"""Snippets: the matched words marked in their context, everything else escaped."""

from dateline.search.snippets import WINDOW, highlight


def test_marks_the_matched_word_in_context():
    html = highlight(["The harbour flooded after the storm."], "harbour")
    assert html == "The <mark>harbour</mark> flooded after the storm."


def test_escapes_stored_text_and_never_trusts_the_query():
    html = highlight(["<b>bold</b> & harbour <script>"], "<script>harbour")
    assert "<b>" not in html and "<script>" not in html
    assert html == "&lt;b&gt;bold&lt;/b&gt; &amp; <mark>harbour</mark> <mark>&lt;script&gt;</mark>"


def test_takes_a_window_around_the_first_match():
    words = [f"w{n}" for n in range(100)]
    words[60] = "Harbour"
    html = str(highlight([" ".join(words)], "harbour"))
    assert html.startswith("… w52 ")
    assert html.endswith(" …")
    assert len(html.removeprefix("… ").removesuffix(" …").split()) == WINDOW
    assert "<mark>Harbour</mark>" in html


def test_matches_across_arabic_and_persian_spellings():
    html = highlight(["قرأت الكتاب و كتاب آخر"], "کتاب")
    assert html == "قرأت الكتاب و <mark>كتاب</mark> آخر"


def test_matches_words_written_with_a_non_joiner():
    text = "من می‌خواهم بروم"
    assert "<mark>می‌خواهم</mark>" in highlight([text], "میخواهم")
    assert "<mark>می‌خواهم</mark>" in highlight([text], "خواهم")


def test_longer_forms_of_a_term_are_marked():
    assert highlight(["Three elections this year"], "election") == (
        "Three <mark>elections</mark> this year"
    )


def test_without_a_match_the_opening_words_show_unmarked():
    assert highlight(["A quiet day.", "More"], "harbour") == "A quiet day."
    assert highlight([], "harbour") == ""
