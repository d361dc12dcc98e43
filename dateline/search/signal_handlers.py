"""Keep the story search table's tree paths when pages move (documents.py)."""

from __future__ import annotations

from wagtail.signals import post_page_move

from dateline.search.documents import documents_repath


def page_moved(sender, instance, parent_page_before=None, parent_page_after=None, **kwargs):
    # The page's descendants move with it, and treebeard may renumber its new
    # siblings and theirs, all without indexing them again: every path under both
    # parents is checked (only changed ones are written).
    for parent in {parent_page_before, parent_page_after} - {None}:
        documents_repath(parent.path)


def register() -> None:
    post_page_move.connect(page_moved, dispatch_uid="dateline_search_page_moved")
