"""What an editor's change elsewhere in the admin means for Editor's Choice."""

from __future__ import annotations

from dateline.curation.fragments import editors_choice_invalidate
from dateline.curation.models import Pick


def editors_choice_page_changed(*, page_path: str) -> None:
    """A page was published or unpublished: retire the blocks if it, or a story under it, is picked.

    A section's new slug changes its stories' URLs, hence "under it".
    """
    if Pick.objects.filter(page__path__startswith=page_path).exists():
        editors_choice_invalidate()
