"""Comments are plain text: escaped, line breaks kept, addresses linked without reputation."""

from __future__ import annotations

from dateline.comments.text import links_in, text_html, text_scrub


def test_markup_is_escaped_not_interpreted():
    html = text_html('<script>alert(1)</script> <b onclick="x">bold</b>')
    assert "<script>" not in html and "<b " not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_line_breaks_and_paragraphs_are_kept():
    assert text_html("one\ntwo\n\nthree") == "<p>one<br>two</p><p>three</p>"


def test_addresses_become_links_that_pass_no_reputation():
    html = text_html("See https://example.org/a?b=1&c=2. Or www.example.net")
    assert (
        '<a href="https://example.org/a?b=1&amp;c=2" rel="nofollow ugc noopener">'
        "https://example.org/a?b=1&amp;c=2</a>." in html
    )
    assert '<a href="https://www.example.net" rel="nofollow ugc noopener">' in html


def test_a_link_cannot_break_out_of_its_attribute():
    html = text_html('https://example.org/"onmouseover="alert(1)')
    assert 'onmouseover="' not in html


def test_javascript_addresses_are_not_linked():
    assert "<a" not in text_html("javascript:alert(1)")


def test_emoji_arabic_and_persian_are_kept_exactly():
    text = "👍🏽 عالی بود! شكراً‌ لكم — نیم‌فاصله 👨‍👩‍👧"
    assert text_scrub(text) == text
    assert text_html(text) == f"<p>{text}</p>"


def test_scrub_drops_control_characters_and_marks_lone_surrogates():
    assert text_scrub("a\x00b\x07c\r\nd\te") == "abc\nd\te"
    assert text_scrub("bad \ud800 half") == "bad \ufffd half"


def test_links_are_counted_without_trailing_punctuation():
    assert links_in("(https://a.example), www.b.example.") == [
        "https://a.example",
        "www.b.example",
    ]
