"""Other kinds of multimedia story (maps, ...) join galleries and videos here.

An app whose page type subclasses MultimediaPage calls ``register_kind`` from its
AppConfig.ready(): the /multimedia/ listing then annotates, filters (``?kind=``) and
labels its stories, and the front page strip follows their publications, without this
app importing it.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from dateline.multimedia import selectors, signal_handlers

# what a card says above the headline, for kinds whose card has nothing more to count
CARD_LABELS = {"gallery": _("Gallery"), "video": _("Video")}


def register_kind(key: str, *, label: str, card_label: str, model) -> None:
    """Add ``model`` (a MultimediaPage subclass) as the kind ``key`` ("map")."""
    selectors.KINDS[key] = label
    # multi-table inheritance: MultimediaPage reaches the child's row by its model name
    selectors.KIND_RELATIONS[key] = model._meta.model_name
    CARD_LABELS[key] = card_label
    signal_handlers.connect_story(model)
