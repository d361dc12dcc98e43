"""Video sources: external addresses (YouTube, Vimeo), uploaded files, durations.

Pure functions without model imports, so forms, models and tests share them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "youtube-nocookie.com",
                 "www.youtube-nocookie.com"}  # fmt: skip
YOUTUBE_SHORT_HOSTS = {"youtu.be"}
VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}
YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
VIMEO_ID = re.compile(r"^[0-9]{1,12}$")

# The first bytes of each accepted file type, and where they sit.
SIGNATURES = {
    "webm": (0, b"\x1a\x45\xdf\xa3"),  # EBML header (Matroska/WebM)
    "mp4": (4, b"ftyp"),  # ISO base media file: box size, then 'ftyp'
    "vtt": (0, b"WEBVTT"),  # optionally after a UTF-8 byte order mark
}
CONTENT_TYPES = {"webm": "video/webm", "mp4": "video/mp4"}


@dataclass(frozen=True)
class ExternalVideo:
    provider: str  # "youtube" or "vimeo"
    video_id: str

    @property
    def embed_url(self) -> str:
        """The privacy-enhanced player, loaded only after the reader clicks."""
        if self.provider == "youtube":
            return f"https://www.youtube-nocookie.com/embed/{self.video_id}?autoplay=1"
        return f"https://player.vimeo.com/video/{self.video_id}?dnt=1&autoplay=1"

    @property
    def watch_url(self) -> str:
        """The video on its own site: the link readers follow without JavaScript."""
        if self.provider == "youtube":
            return f"https://www.youtube.com/watch?v={self.video_id}"
        return f"https://vimeo.com/{self.video_id}"

    @property
    def provider_name(self) -> str:
        return "YouTube" if self.provider == "youtube" else "Vimeo"


def _youtube_id(host: str, path: str, query: str) -> str | None:
    if host in YOUTUBE_SHORT_HOSTS:
        return path.strip("/").split("/")[0]
    if path == "/watch":
        return (parse_qs(query).get("v") or [""])[0]
    parts = path.strip("/").split("/")
    if len(parts) >= 2 and parts[0] in {"embed", "shorts", "live", "v"}:
        return parts[1]
    return None


def _vimeo_id(host: str, path: str) -> str | None:
    parts = [part for part in path.strip("/").split("/") if part]
    if host == "player.vimeo.com":
        return parts[1] if len(parts) >= 2 and parts[0] == "video" else None
    # vimeo.com/123, vimeo.com/channels/staffpicks/123, vimeo.com/123/abcdef (unlisted hash)
    numeric = [part for part in parts if VIMEO_ID.match(part)]
    return numeric[0] if numeric else None


def parse_video_url(url: str) -> ExternalVideo:
    """The provider and id of a YouTube or Vimeo address; a clear error for anything else."""
    parts = urlsplit((url or "").strip())
    host = (parts.hostname or "").lower()
    if parts.scheme not in {"http", "https"} or not host:
        raise ValidationError(
            _("Enter the full address of the video, starting with https://."), code="invalid"
        )
    if host in YOUTUBE_HOSTS or host in YOUTUBE_SHORT_HOSTS:
        video_id = _youtube_id(host, parts.path, parts.query)
        if video_id and YOUTUBE_ID.match(video_id):
            return ExternalVideo("youtube", video_id)
        raise ValidationError(
            _(
                "This YouTube address names no video. Copy the address of the video itself, "
                "e.g. https://www.youtube.com/watch?v=abcdefghijk or https://youtu.be/abcdefghijk."
            ),
            code="no_video_id",
        )
    if host in VIMEO_HOSTS:
        video_id = _vimeo_id(host, parts.path)
        if video_id:
            return ExternalVideo("vimeo", video_id)
        raise ValidationError(
            _(
                "This Vimeo address names no video. Copy the address of the video itself, "
                "e.g. https://vimeo.com/123456789."
            ),
            code="no_video_id",
        )
    raise ValidationError(
        _(
            "Only YouTube and Vimeo addresses can be shown here (this one is on %(host)s). "
            "Upload the video file instead, or use a YouTube or Vimeo address."
        )
        % {"host": host},
        code="unsupported_host",
    )


def file_kind(name: str) -> str:
    """The lower-case extension of a file name, without the dot."""
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def signature_matches(kind: str, head: bytes) -> bool:
    offset, magic = SIGNATURES[kind]
    if kind == "vtt" and head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    return head[offset : offset + len(magic)] == magic


def read_head(field_file, size: int = 16) -> bytes:
    """The first bytes of a stored file, leaving it closed as it was."""
    with field_file.open("rb") as handle:
        return handle.read(size)


def check_file(document, *, kinds: tuple[str, ...], label: str) -> str:
    """The kind of ``document``'s file, once its extension and its first bytes agree."""
    kind = file_kind(document.file.name)
    if kind not in kinds:
        raise ValidationError(
            _("%(label)s must be a %(kinds)s file; “%(name)s” is not.")
            % {
                "label": label,
                "kinds": " or ".join(k.upper() for k in kinds),
                "name": document.title,
            },  # fmt: skip
            code="wrong_extension",
        )
    try:
        head = read_head(document.file)
    except OSError as error:
        raise ValidationError(
            _("The file of “%(name)s” could not be read; upload it again.")
            % {"name": document.title},
            code="unreadable",
        ) from error
    if not signature_matches(kind, head):
        raise ValidationError(
            _(
                "“%(name)s” is named .%(kind)s but its content is not a %(upper)s file. "
                "Export it again as %(upper)s and upload that."
            )
            % {"name": document.title, "kind": kind, "upper": kind.upper()},
            code="wrong_content",
        )
    return kind


DURATION = re.compile(r"^(?:(?:(\d+):)?([0-5]?\d):)?(\d+)$")


def parse_duration(value: str) -> int:
    """Seconds from "245", "4:05" or "1:02:03"; a clear error otherwise."""
    text = (value or "").strip()
    match = DURATION.match(text)
    if not match:
        raise ValidationError(
            _("Write the duration as minutes:seconds, e.g. 4:05, or as seconds, e.g. 245."),
            code="invalid_duration",
        )
    hours, minutes, seconds = (int(group or 0) for group in match.groups())
    if ":" in text and seconds > 59:
        raise ValidationError(
            _("Seconds go up to 59: write 4:05 rather than 3:65."), code="invalid_duration"
        )
    return hours * 3600 + minutes * 60 + seconds


def format_duration(seconds: int | None) -> str:
    """ "4:05" for 245 seconds, "1:02:03" past an hour; "" when unknown."""
    if seconds is None or seconds < 0:
        return ""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
