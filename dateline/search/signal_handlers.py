"""Keep the story search table's tree paths when pages move and its live state when they
are published or unpublished (documents.py), and forget
the editions' cached home pages and filter choices when what they hold may have changed
(selectors.py)."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from taggit.models import Tag
from wagtail.models import Locale, Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from dateline.news.models import Author
from dateline.search.documents import documents_live, documents_repath
from dateline.search.selectors import edition_forget


def page_moved(sender, instance, parent_page_before=None, parent_page_after=None, **kwargs):
    # The page's descendants move with it, and treebeard may renumber its new
    # siblings and theirs, all without indexing them again: every path under both
    # parents is checked (only changed ones are written).
    for parent in {parent_page_before, parent_page_after} - {None}:
        documents_repath(parent.path)
    edition_forget()


def page_changed(sender, instance, **kwargs):
    # sent for every model deleted: only pages hold sections, topics and tags in use
    if isinstance(instance, Page):
        edition_forget()


def page_live_changed(sender, instance, **kwargs):
    documents_live([instance.pk])
    edition_forget()


def names_changed(sender, **kwargs):
    edition_forget()


def register() -> None:
    post_page_move.connect(page_moved, dispatch_uid="dateline_search_page_moved")
    page_published.connect(page_live_changed, dispatch_uid="dateline_search_choices_published")
    page_unpublished.connect(page_live_changed, dispatch_uid="dateline_search_choices_unpublished")
    post_delete.connect(page_changed, dispatch_uid="dateline_search_choices_deleted")
    for model in (Author, Tag, Locale):
        post_save.connect(names_changed, sender=model, dispatch_uid=f"search-choices-{model}")
        post_delete.connect(names_changed, sender=model, dispatch_uid=f"search-choices-d-{model}")
