"""The glossary's alphabetical order and letter groups, in English, Arabic and Persian."""

from __future__ import annotations

from dateline.topics import alphabet


def grouped(titles: list[str], language: str) -> list[tuple[str, list[str]]]:
    groups = alphabet.group(titles, key=lambda title: title, language=language)
    return [(g.letter, g.items) for g in groups]


def test_english_titles_are_grouped_a_to_z_ignoring_case_and_accents():
    titles = ["veloria", "Basin Water Accord", "Éstavia", "Kastmark", "bay of Orr", "estuary"]

    assert grouped(titles, "en") == [
        ("B", ["Basin Water Accord", "bay of Orr"]),
        ("E", ["Éstavia", "estuary"]),
        ("K", ["Kastmark"]),
        ("V", ["veloria"]),
    ]


def test_a_space_sorts_before_any_letter():
    assert grouped(["Portal", "Port Abelle"], "en") == [("P", ["Port Abelle", "Portal"])]


def test_titles_starting_with_a_digit_or_sign_go_last_under_hash():
    assert grouped(["1990 Accord", "“Quiet” Strait", "Accord"], "en") == [
        ("A", ["Accord"]),
        ("Q", ["“Quiet” Strait"]),
        ("#", ["1990 Accord"]),
    ]


def test_arabic_alef_forms_are_one_letter_and_the_article_al_is_skipped():
    # أمواج, إقليم, آبار and the article-led الأنهار all file under ا; البحيرة under ب.
    titles = ["البحيرة", "إقليم", "آبار", "أمواج", "الأنهار", "تلال"]

    groups = grouped(titles, "ar")

    assert [letter for letter, _ in groups] == ["ا", "ب", "ت"]
    assert groups[0][1] == ["آبار", "إقليم", "أمواج", "الأنهار"]
    assert groups[1][1] == ["البحيرة"]


def test_persian_letters_follow_the_persian_alphabet_not_code_points():
    # پ comes after ب and گ after ک, though their code points come after ی.
    titles = ["گذرگاه", "پل", "یاران", "بندر", "کرانه", "چشمه", "جزیره"]

    assert [letter for letter, _ in grouped(titles, "fa")] == ["ب", "پ", "ج", "چ", "ک", "گ", "ی"]


def test_persian_edition_files_arabic_kaf_and_yeh_with_persian_ones():
    assert grouped(["كرانه", "کوه"], "fa") == [("ک", ["كرانه", "کوه"])]


def test_latin_titles_in_an_arabic_edition_follow_the_arabic_letters():
    assert [letter for letter, _ in grouped(["Orsa", "بحر"], "ar")] == ["ب", "O"]


def test_jump_list_has_every_letter_with_anchors_only_where_there_are_topics():
    groups = alphabet.group(["Basin", "Veloria", "1990 Accord"], key=str, language="en")

    letters = alphabet.jump_list(groups, language="en")

    assert [item["letter"] for item in letters] == [*"ABCDEFGHIJKLMNOPQRSTUVWXYZ", "#"]
    assert {item["letter"]: item["anchor"] for item in letters if item["anchor"]} == {
        "B": "B",
        "V": "V",
        "#": "other",
    }


def test_jump_list_for_persian_is_the_persian_alphabet():
    letters = alphabet.jump_list([], language="fa")

    assert "".join(item["letter"] for item in letters) == alphabet.ALPHABETS["fa"]
    assert len(letters) == 32
