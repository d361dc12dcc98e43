"""The normaliser: real Arabic and Persian spelling variants meet in one form."""

import pytest

from dateline.search.normalise import index_text, joined_forms, normalise, terms


@pytest.mark.parametrize(
    ("arabic", "persian_or_variant"),
    [
        ("كتاب", "کتاب"),  # Arabic kaf / Persian keheh
        ("يوم", "یوم"),  # Arabic yeh / Persian yeh
        ("مستشفى", "مستشفي"),  # alef maqsura / yeh
        ("مُحَمَّد", "محمد"),  # tashkeel
        ("القُرْآن", "القران"),  # sukun, madda
        ("إسلام", "اسلام"),  # alef with hamza below
        ("أحمد", "احمد"),  # alef with hamza above
        ("ٱلله", "الله"),  # alef wasla
        ("ـــسلام", "سلام"),  # tatweel
        ("سـلام", "سلام"),
        ("رحمٰن", "رحمن"),  # superscript alef
        ("ﻻ", "لا"),  # presentation-form ligature
        ("٢٠٢٤", "۲۰۲۴"),  # Arabic-Indic / Persian digits
    ],
)
def test_spelling_variants_share_one_form(arabic, persian_or_variant):
    assert normalise(arabic) == normalise(persian_or_variant)


def test_digits_fold_to_ascii():
    assert normalise("سنة ١٤٤٥ و ۱۴۰۳") == "سنة 1445 و 1403"


def test_latin_text_is_only_case_folded():
    assert normalise("Kestrel STRAIT, café") == "kestrel strait, café"


def test_zero_width_non_joiner_separates_the_parts_of_a_word():
    assert normalise("می‌خواهم") == normalise("می خواهم")
    assert terms("کتاب‌ها") == [normalise("کتاب"), "ها"]


def test_index_text_also_keeps_the_run_together_spelling():
    indexed = index_text("من می‌خواهم")
    assert normalise("میخواهم") in indexed.split()
    assert normalise("خواهم") in indexed.split()
    assert joined_forms("کتاب‌ها و دفتر") == [normalise("کتابها")]


def test_texts_without_non_joiner_are_indexed_as_their_normal_form():
    assert index_text("مُحَمَّد") == "محمد"
    assert index_text("") == ""


def test_terms_drop_punctuation_and_operators():
    assert terms('"water* -(harbour NEAR/2 AND') == ["water", "harbour", "near", "2", "and"]
    assert terms("!!! ... ???") == []
