"""link_terms: the first mention of each topic in a story's HTML links to its page."""

from __future__ import annotations

import random
import re
from html.parser import HTMLParser

import pytest

from dateline.topics.glossary import Term, link_terms

BASIN = Term(1, ("Tirel Basin", "Tirel Valley"), "/in-focus/tirel-basin/", "A fertile lowland.")
TIREL = Term(2, ("Tirel",), "/in-focus/tirel/", "A river.")
KURD = Term(3, ("Kurd",), "/in-focus/kurd/", "A people.")
ZWNJ = "\u200c"


def links(html: str) -> list[tuple[str, str]]:
    """(href, text) of each glossary link, in order."""
    return re.findall(r'<a href="([^"]*)" class="glossary-link"[^>]*>(.*?)</a>', html, re.S)


def linked_text(html: str, terms) -> list[str]:
    return [text for _, text in links(link_terms(html, terms))]


# What gets linked


def test_first_mention_links_to_the_topic_with_an_accessible_tooltip():
    html = link_terms("<p>Rain in the Tirel Basin. The Tirel Basin floods.</p>", [BASIN])

    assert html == (
        '<p>Rain in the <a href="/in-focus/tirel-basin/" class="glossary-link" '
        'aria-describedby="gloss-1">Tirel Basin</a><span role="tooltip" id="gloss-1" '
        'class="glossary-tip">A fertile lowland.</span>. The Tirel Basin floods.</p>'
    )


def test_each_topic_is_linked_once_whichever_name_comes_first():
    html = "<p>The Tirel Valley.</p><p>The Tirel Basin, again the Tirel Valley.</p>"

    assert linked_text(html, [BASIN]) == ["Tirel Valley"]


def test_every_topic_gets_its_own_first_mention():
    html = "<p>A Kurd from the Tirel Basin.</p><p>Another Kurd.</p>"

    assert links(link_terms(html, [BASIN, KURD])) == [
        ("/in-focus/kurd/", "Kurd"),
        ("/in-focus/tirel-basin/", "Tirel Basin"),
    ]


def test_longest_name_wins_where_names_overlap():
    html = "<p>Along the Tirel Basin, then the Tirel itself.</p>"

    assert links(link_terms(html, [TIREL, BASIN])) == [
        ("/in-focus/tirel-basin/", "Tirel Basin"),
        ("/in-focus/tirel/", "Tirel"),
    ]


def test_shorter_name_is_not_linked_inside_a_later_mention_of_a_longer_one():
    html = "<p>The Tirel Basin.</p><p>The Tirel Basin again.</p>"

    assert linked_text(html, [TIREL, BASIN]) == ["Tirel Basin"]


def test_latin_names_match_in_any_case_and_keep_the_writers_case():
    assert linked_text("<p>THE TIREL BASIN and the tirel basin</p>", [BASIN]) == ["TIREL BASIN"]


def test_name_matches_across_line_breaks_and_non_breaking_spaces():
    assert linked_text("<p>the Tirel\n  Basin</p>", [BASIN]) == ["Tirel\n  Basin"]
    assert linked_text("<p>the Tirel&nbsp;Basin</p>", [BASIN]) == ["Tirel\xa0Basin"]


def test_names_with_markup_characters_match_their_escaped_text():
    pact = Term(4, ("Trade & Transit Pact",), "/pact/", "")

    assert linked_text("<p>The Trade &amp; Transit Pact holds.</p>", [pact]) == [
        "Trade &amp; Transit Pact"
    ]


def test_mention_at_the_edges_of_the_text_is_linked():
    assert linked_text("Kurd", [KURD]) == ["Kurd"]
    assert linked_text("<li>Kurd</li>", [KURD]) == ["Kurd"]


# Word boundaries in English, Arabic and Persian


@pytest.mark.parametrize(
    "text", ["Kurdish", "Kurds", "preKurd", "Kurd_x", "Kurd2", "Kurde\u0301"], ids=repr
)
def test_english_name_is_not_found_inside_a_longer_word(text):
    assert linked_text(f"<p>{text} poets</p>", [KURD]) == []


@pytest.mark.parametrize("text", ["Kurd,", "(Kurd)", "Kurd.", "“Kurd”", "Kurd-led", "Kurd’s"])
def test_english_name_is_found_next_to_punctuation(text):
    assert linked_text(f"<p>A {text} poet</p>", [KURD]) == ["Kurd"]


CITY = Term(10, ("المدينة",), "/ar/in-focus/city/", "مدينة")  # "the city"


@pytest.mark.parametrize(
    ("text", "linked"),
    [
        ("زار المدينة أمس", ["المدينة"]),  # "visited the city yesterday"
        ("في المدينة، قال", ["المدينة"]),  # followed by the Arabic comma
        ("بين المدينتين", []),  # "between the two cities": a longer word
        ("سكان المدينةِ القديمة", ["المدينةِ"]),  # with a vowel mark: still the word
        ("المَدِينَة الكبيرة", ["المَدِينَة"]),  # fully vowelled
        ("المديــنة", ["المديــنة"]),  # stretched with kashida
        ("والمدينة", []),  # a prefix joined to the word makes another word
    ],
    ids=["plain", "comma", "dual", "case-ending", "vowelled", "kashida", "prefix"],
)
def test_arabic_name_matches_whole_words_with_or_without_vowel_marks(text, linked):
    assert linked_text(f"<p>{text}</p>", [CITY]) == linked


BOOK = Term(20, ("کتاب",), "/fa/in-focus/book/", "کتاب")  # "book"
ALLIANCE = Term(21, (f"هم{ZWNJ}پیمانی",), "/fa/in-focus/alliance/", "پیمان")  # "alliance"
SAME = Term(22, ("هم",), "/fa/in-focus/ham/", "هم")


def test_persian_word_joined_by_zwnj_is_not_split():
    # "books" is "book" + ZWNJ + "ha": one word, so the topic "book" is not found in it.
    html = f"<p>کتاب{ZWNJ}ها و کتاب</p>"

    result = link_terms(html, [BOOK])

    assert linked_text(html, [BOOK]) == ["کتاب"]
    assert f"کتاب{ZWNJ}ها و <a" in result


def test_persian_name_containing_zwnj_matches_as_one_word():
    html = f"<p>پیمان هم{ZWNJ}پیمانی تازه است و هم</p>"

    assert links(link_terms(html, [SAME, ALLIANCE])) == [
        ("/fa/in-focus/alliance/", f"هم{ZWNJ}پیمانی"),
        ("/fa/in-focus/ham/", "هم"),
    ]


def test_arabic_and_persian_shapes_of_kaf_and_yeh_match_each_other():
    shore = Term(23, ("کرانه",), "/fa/in-focus/shore/", "")  # Persian kaf
    village = Term(24, ("قريه",), "/fa/in-focus/village/", "")  # Arabic yeh

    assert linked_text("<p>كرانه و قریه</p>", [shore, village]) == ["كرانه", "قریه"]


# What is left alone


@pytest.mark.parametrize(
    "html",
    [
        '<p><a href="/elsewhere/">the Tirel Basin</a></p>',
        "<h2>Tirel Basin</h2>",
        "<h3>In the <em>Tirel Basin</em></h3>",
        "<blockquote><p>The Tirel Basin is ours.</p></blockquote>",
        "<p>He said <q>the Tirel Basin</q>.</p>",
        '<figure class="pull-quote"><blockquote><p>x</p></blockquote>'
        "<figcaption>A farmer in the Tirel Basin</figcaption></figure>",
        "<pre>Tirel Basin</pre>",
        "<p><code>Tirel Basin</code></p>",
    ],
    ids=["link", "h2", "h3", "blockquote", "q", "pull-quote", "pre", "code"],
)
def test_mentions_in_links_headings_quotes_and_code_are_left_alone(html):
    assert link_terms(html, [BASIN]) == html


def test_first_mention_after_a_heading_or_quote_is_the_one_linked():
    html = (
        "<h2>Tirel Basin</h2><blockquote>Tirel Basin</blockquote>"
        '<figure class="pull-quote"><figcaption>Tirel Basin</figcaption></figure>'
        '<figure class="body-image"><figcaption>A view over the Tirel Basin.</figcaption></figure>'
    )

    result = link_terms(html, [BASIN])

    assert result.startswith("<h2>Tirel Basin</h2><blockquote>Tirel Basin</blockquote>")
    assert 'over the <a href="/in-focus/tirel-basin/"' in result


def test_script_and_style_source_is_copied_untouched():
    html = "<script>if (a < b && c) { say('Tirel Basin'); }</script><style>a>b{}</style><p>x</p>"

    assert link_terms(html, [BASIN]) == html


def test_excluded_topic_is_not_linked_to_itself():
    html = "<p>The Tirel Basin and the Tirel.</p>"

    assert linked_text(html, [BASIN, TIREL]) == ["Tirel Basin", "Tirel"]
    assert link_terms(html, [BASIN, TIREL], exclude=BASIN.key).count("glossary-link") == 1


def test_one_letter_names_and_topics_without_a_url_are_ignored():
    terms = [Term(5, ("K",), "/k/", ""), Term(6, ("Kurd",), "", "A people.")]

    assert link_terms("<p>K is a Kurd</p>", terms) == "<p>K is a Kurd</p>"


def test_no_terms_or_no_html_returns_the_input_unchanged():
    assert link_terms("<p>Tirel Basin</p>", []) == "<p>Tirel Basin</p>"
    assert link_terms("", [BASIN]) == ""


# Output is safe and well formed


def test_inserted_url_name_and_description_are_escaped():
    term = Term(7, ("Tirel Basin",), '/x/"onmouseover="alert(1)', '<img src=x onerror="1"> & co')

    html = link_terms("<p>Tirel Basin</p>", [term])

    assert 'href="/x/&quot;onmouseover=&quot;alert(1)"' in html
    assert '&lt;img src=x onerror="1"&gt; &amp; co</span>' in html
    assert "<img" not in html


def test_text_is_escaped_again_when_copied():
    html = "<p>1 &lt; 2 &amp; the Tirel Basin &gt; 0</p>"

    assert link_terms(html, [BASIN]).startswith("<p>1 &lt; 2 &amp; the <a ")
    assert link_terms(html, [BASIN]).endswith("</span> &gt; 0</p>")


def test_topic_without_description_gets_a_link_without_tooltip():
    term = Term(8, ("Tirel Basin",), "/t/", "")

    assert link_terms("<p>Tirel Basin</p>", [term]) == (
        '<p><a href="/t/" class="glossary-link">Tirel Basin</a></p>'
    )


def test_attributes_comments_and_odd_markup_are_copied_as_written():
    html = (
        "<!-- note --><p class='x' data-a=\"1&amp;2\">A <br/> B<br>"
        '<img alt="Tirel Basin" src=x></p><![CDATA[ x ]]><?pi?>'
    )

    assert link_terms(html, [BASIN]) == html


class Events(HTMLParser):
    """The tags and the text of a fragment, with glossary links and tooltips taken out.

    Links and tooltips hold only text, so the next end tag after one closes it.
    """

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.text, self.inserted, self.inside_tip = [], [], False, False

    def handle_starttag(self, tag, attrs):
        css_class = dict(attrs).get("class")
        self.inside_tip = css_class == "glossary-tip"
        self.inserted = css_class in ("glossary-link", "glossary-tip")
        if not self.inserted:
            self.tags.append(("start", tag, self.get_starttag_text()))

    def handle_endtag(self, tag):
        if self.inserted:
            self.inserted = self.inside_tip = False
        else:
            self.tags.append(("end", tag))

    def handle_data(self, data):
        if not self.inside_tip:
            self.text.append(data)


def events(html: str) -> tuple[list, str]:
    parser = Events()
    parser.feed(html)
    parser.close()
    return parser.tags, "".join(parser.text)


PIECES = [
    "Tirel Basin",
    "Tirel",
    "Kurd",
    "Kurdish",
    " ",
    ", ",
    "&amp;",
    "&nbsp;",
    "<",
    ">",
    "&",
    '"',
    "<p>",
    "</p>",
    "<em>",
    "</em>",
    "<h2>",
    "</h2>",
    '<a href="/x/">',
    "</a>",
    "<br>",
    "<blockquote>",
    "</blockquote>",
    "<!-- c -->",
    "المدينة",
    f"کتاب{ZWNJ}ها",
]


def random_fragment(rng: random.Random) -> str:
    return "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 40)))


def test_random_markup_keeps_its_tags_and_text():
    for seed in range(300):
        source = random_fragment(random.Random(seed))

        result = link_terms(source, [BASIN, TIREL, KURD, CITY, BOOK])

        assert events(result) == events(source), f"seed {seed}: {source!r}"


# Plain markup (story bodies) is read without html.parser, to the same result


def _parsed(html: str, terms) -> str:
    """link_terms as html.parser reads ``html``, whatever its markup."""
    from unittest import mock

    from dateline.topics import glossary

    with mock.patch.object(glossary, "_link_plain", return_value=False):
        return link_terms(html, terms)


# Markup html.parser can read only one way: the pieces above but a stray "<" and the
# comment, and more plain tags and text.
NOT_PLAIN = ("<", "<!-- c -->")
PLAIN_PIECES = [piece for piece in PIECES if piece not in NOT_PLAIN] + [
    "\n",
    "&lt;",
    "&#39;",
    "&quot;x",
    "a > b",
    "<P>",
    "</P >",
    '<a href="/x/?a=1&amp;b=2">',
    "<br/>",
    "<br />",
    '<img alt="Tirel Basin" src="/m/x.jpg">',
    '<figure class="pull-quote">',
    "<figure class='body-image'>",
    '<FIGURE CLASS="x" class="pull-quote">',
    "</figure>",
    "<figcaption>",
    "</figcaption>",
    "<span title=\"a > b\" data-x='<q>'>",
    "</span>",
]


def plain_fragment(rng: random.Random) -> str:
    return "".join(rng.choice(PLAIN_PIECES) for _ in range(rng.randint(1, 60)))


def test_plain_markup_is_linked_as_the_parser_links_it():
    from dateline.topics import glossary

    terms = [BASIN, TIREL, KURD, CITY, BOOK]
    for seed in range(500):
        source = plain_fragment(random.Random(seed))
        plain = glossary._link_plain(source, glossary._Linker(re.compile("x"), {}, "g"))

        assert plain, f"seed {seed}: {source!r} should be read as plain markup"
        assert link_terms(source, terms) == _parsed(source, terms), f"seed {seed}: {source!r}"


@pytest.mark.parametrize(
    "html",
    [
        "<p>Tirel Basin <!-- a comment --></p>",
        "<p>1 < 2 and the Tirel Basin</p>",
        "<p title=unquoted>Tirel Basin</p>",
        "<script>var a = '<p>Tirel Basin</p>';</script><p>Tirel Basin</p>",
        "<textarea>Tirel Basin</textarea><p>Tirel Basin</p>",
        "<iframe>Tirel Basin</iframe><p>Tirel Basin</p>",
        "<p>Tirel Basin</p><![CDATA[ x ]]>",
        "<p>Tirel Basin<",
    ],
)
def test_other_markup_is_left_to_the_parser(html):
    from dateline.topics import glossary

    linker = glossary._Linker(re.compile("x"), {}, "g")

    assert not glossary._link_plain(html, linker) and linker.out == []
    assert link_terms(html, [BASIN]) == _parsed(html, [BASIN])
