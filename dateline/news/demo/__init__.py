"""The demo newsroom: invented places, people and events, written for Dateline.

``demo_create`` builds the newsroom once on an empty site through Wagtail's own
API (revisions, publishing, signals), the way an editor would. ``demo_scale``
adds N more articles in bulk for benchmarks, in constant memory.
"""

from dateline.news.demo.bulk import demo_scale
from dateline.news.demo.newsroom import demo_create, demo_exists

__all__ = ["demo_create", "demo_exists", "demo_scale"]
