"""Spam defence without a third-party service: a signed form token, a score, a rate limit.

The score (0-100) adds up what looks like spam; from ``SPAM_THRESHOLD`` up the comment
is filed as spam, which readers never see and which is purged after 30 days.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.core import signing
from django.core.cache import cache
from django.utils import timezone

from dateline.comments import conf
from dateline.comments.models import BlockedTerm, Comment
from dateline.comments.text import links_in

TOKEN_SALT = "dateline.comments.form"  # noqa: S105 - a signing namespace, not a secret


class TokenError(Exception):
    """The form token is missing, forged, for another story, or too old."""


def token_issue(*, page_id: int, now: float | None = None) -> str:
    issued = int(time.time() if now is None else now)
    return signing.dumps({"p": page_id, "t": issued}, salt=TOKEN_SALT, compress=True)


def token_age(token: str, *, page_id: int, now: float | None = None) -> float:
    """Seconds since the form was issued; TokenError when the token cannot be trusted."""
    try:
        data = signing.loads(token, salt=TOKEN_SALT)
    except signing.BadSignature:
        raise TokenError("bad signature") from None
    if not isinstance(data, dict) or data.get("p") != page_id or not isinstance(data.get("t"), int):
        raise TokenError("wrong story")
    age = (time.time() if now is None else now) - data["t"]
    if age > conf.TOKEN_MAX_AGE.total_seconds() or age < -60:
        raise TokenError("expired")
    return age


def rate_exceeded(client: str) -> bool:
    """Counts this attempt; True when the client sent more than the hourly limit."""
    hour = timezone.now().strftime("%Y%m%d%H")
    key = f"comments:rate:{client}:{hour}"
    cache.add(key, 0, 2 * 3600)
    try:
        sent = cache.incr(key)
    except ValueError:  # expired between add and incr
        sent = 1
    return sent > conf.rate_limit()


@dataclass
class Score:
    value: int = 0
    reasons: list[str] = field(default_factory=list)

    def add(self, points: int, reason: str) -> None:
        self.value = min(100, self.value + points)
        self.reasons.append(reason)

    @property
    def is_spam(self) -> bool:
        return self.value >= conf.SPAM_THRESHOLD


def _domain_blocked(host: str, domains: list[str]) -> bool:
    return any(host == d or host.endswith("." + d) for d in domains)


def spam_score(*, page_id: int, email: str, text: str, fill_seconds: float) -> Score:
    """What in this comment looks like spam, and how much."""
    score = Score()
    if fill_seconds < conf.MIN_FILL_SECONDS:
        score.add(60, "sent too fast")
    links = links_in(text)
    if links:
        score.add(10 * len(links), f"{len(links)} link(s)")
    terms = list(BlockedTerm.objects.values_list("kind", "value"))
    lowered = text.casefold()
    words = [v.casefold() for k, v in terms if k == BlockedTerm.Kind.WORD]
    domains = [v.casefold().lstrip(".") for k, v in terms if k == BlockedTerm.Kind.DOMAIN]
    if any(word in lowered for word in words):
        score.add(60, "blocked word")
    hosts = [(urlsplit(u if "://" in u else f"http://{u}").hostname or "") for u in links]
    hosts.append(email.rpartition("@")[2])
    if any(_domain_blocked(host.casefold(), domains) for host in hosts):
        score.add(80, "blocked domain")
    since = timezone.now() - conf.DUPLICATE_WINDOW
    if Comment.objects.filter(created_at__gte=since, text=text).exists():
        score.add(60, "duplicate text")
    return score
