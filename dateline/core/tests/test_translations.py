"""Interface translations: every string the templates mark is translated in Arabic and Persian.

The catalogues (dateline/locale/<lang>/LC_MESSAGES/django.po) are the source; ``make
messages`` compiles them. New strings: ``dateline makemessages -l ar -l fa --no-location
--no-obsolete`` (needs gettext), translate them, then ``make messages``.
"""

from __future__ import annotations

import io
import re
from functools import cache
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_python
from babel.messages.pofile import read_po
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, ngettext
from django.utils.translation.template import templatize
from wagtail.users.models import UserProfile

LOCALE_DIR = Path(settings.LOCALE_PATHS[0])
TEMPLATE_DIR = Path(settings.TEMPLATES[0]["DIRS"][0])
EDITION_LANGUAGES = ("ar", "fa")
KEYWORDS = {"gettext": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%\([a-z_]+\)\.\d+f|\{[a-z_]+\}")


@cache
def catalogue(language: str) -> Catalog:
    with (LOCALE_DIR / language / "LC_MESSAGES" / "django.po").open("rb") as po:
        return read_po(po, locale=language)


@cache
def template_messages() -> list[tuple[str, str | tuple[str, str]]]:
    """(template, msgid) of every string marked in the templates, as makemessages finds them."""
    found = []
    for path in sorted(TEMPLATE_DIR.rglob("*.html")):
        # templatize turns a template into Python-like code holding only gettext calls;
        # its indentation follows the HTML, which Python's tokenizer would reject.
        code = "\n".join(line.lstrip() for line in templatize(path.read_text()).splitlines())
        for _line, _function, message, _comments in extract_python(
            io.BytesIO(code.encode()), KEYWORDS, [], {}
        ):
            msgid = message if isinstance(message, str) else tuple(message[:2])
            found.append((str(path.relative_to(TEMPLATE_DIR)), msgid))
    return found


def _translated(language: str, msgid) -> bool:
    entry = catalogue(language).get(msgid)
    if entry is None or entry.fuzzy:
        return False
    strings = [entry.string] if isinstance(entry.string, str) else list(entry.string)
    return all(s.strip() for s in strings)


def test_templates_mark_strings_for_translation():
    assert len(template_messages()) > 100


@pytest.mark.parametrize("language", EDITION_LANGUAGES)
def test_every_template_string_is_translated(language):
    missing = sorted(
        {f"{where}: {msgid!r}" for where, msgid in template_messages()}
        - {
            f"{where}: {msgid!r}"
            for where, msgid in template_messages()
            if _translated(language, msgid)
        }
    )

    assert not missing, (
        f"{len(missing)} template string(s) have no {language} translation in "
        f"dateline/locale/{language}/LC_MESSAGES/django.po (run makemessages, translate):\n"
        + "\n".join(missing[:40])
    )


@pytest.mark.parametrize("language", EDITION_LANGUAGES)
def test_every_interface_string_is_translated(language):
    # the catalogue holds the Python strings too: form labels, help text, messages
    untranslated = [entry.id for entry in catalogue(language) if entry.id]
    untranslated = [msgid for msgid in untranslated if not _translated(language, msgid)]

    assert not untranslated, f"{len(untranslated)} untranslated: {untranslated[:20]}"


@pytest.mark.parametrize("language", EDITION_LANGUAGES)
def test_translations_keep_every_placeholder(language):
    wrong = []
    for entry in catalogue(language):
        if not entry.id or not entry.string:
            continue
        source = entry.id if isinstance(entry.id, str) else entry.id[-1]
        for string in [entry.string] if isinstance(entry.string, str) else entry.string:
            # Arabic plural forms for 0, 1 and 2 may spell the number out ("تعليقان").
            needed = set(PLACEHOLDER.findall(source)) - {"%(counter)s", "%(minutes)s"}
            if string and not needed <= set(PLACEHOLDER.findall(string)):
                wrong.append(f"{source!r} -> {string!r}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("language", EDITION_LANGUAGES)
def test_catalogues_are_compiled_and_current(language):
    po = LOCALE_DIR / language / "LC_MESSAGES" / "django.po"
    mo = po.with_suffix(".mo")
    assert mo.exists(), f"{mo} is missing: run `make messages`"
    assert mo.stat().st_mtime >= po.stat().st_mtime, f"{mo} is older than {po}: `make messages`"


def test_lookups_per_locale():
    looked_up = {}
    for language in ("en", "ar", "fa"):
        with translation.override(language):
            looked_up[language] = (
                gettext("Skip to main content"),
                ngettext("%(counter)s comment", "%(counter)s comments", 2) % {"counter": 2},
            )

    assert looked_up == {
        "en": ("Skip to main content", "2 comments"),
        "ar": ("الانتقال إلى المحتوى الرئيسي", "تعليقان"),
        "fa": ("رفتن به محتوای اصلی", "2 نظر"),
    }


@pytest.mark.django_db
def test_the_admin_speaks_the_editors_language(client, django_user_model):
    editor = django_user_model.objects.create_superuser("editor-ar", "ar@example.com", "x")
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "ar"
    profile.save()
    client.force_login(editor)

    response = client.get(reverse("wagtailadmin_home"))

    html = response.content.decode()
    assert response.status_code == 200
    assert 'lang="ar"' in html and 'dir="rtl"' in html
    assert "لوحة التحكم" in html  # Wagtail's own Arabic for "Dashboard"
