"""Comment settings that belong to the deployment rather than the newsroom.

The newsroom's own choices (trusted readers, closing after N days, notifying
moderators) are a Wagtail site setting (``CommentSettings``).
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings

MIN_FILL_SECONDS = 3  # a human needs longer than this to write a comment
TOKEN_MAX_AGE = timedelta(days=2)  # a form left open longer must be sent again
MAX_LINKS = 3
SPAM_THRESHOLD = 50  # a score from here up files the comment as spam
SPAM_RETENTION = timedelta(days=30)
DUPLICATE_WINDOW = timedelta(days=1)


def rate_limit() -> int:
    """Comments a client may send per hour (DATELINE_COMMENTS_RATE_LIMIT, default 5)."""
    return int(getattr(settings, "DATELINE_COMMENTS_RATE_LIMIT", 5))
