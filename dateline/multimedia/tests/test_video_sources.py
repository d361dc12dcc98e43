"""Video addresses, file signatures and durations: what editors may enter, and the errors."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from dateline.multimedia.fields import DurationFormField
from dateline.multimedia.video import format_duration, parse_duration, parse_video_url


@pytest.mark.parametrize(
    ("url", "provider", "video_id"),
    [
        ("https://www.youtube.com/watch?v=abcdefghijk", "youtube", "abcdefghijk"),
        ("https://youtube.com/watch?feature=share&v=abc-efg_ijk", "youtube", "abc-efg_ijk"),
        ("https://youtu.be/abcdefghijk?t=30", "youtube", "abcdefghijk"),
        ("https://m.youtube.com/shorts/abcdefghijk", "youtube", "abcdefghijk"),
        ("https://www.youtube-nocookie.com/embed/abcdefghijk", "youtube", "abcdefghijk"),
        ("https://vimeo.com/123456789", "vimeo", "123456789"),
        ("https://vimeo.com/channels/staffpicks/123456789", "vimeo", "123456789"),
        ("https://player.vimeo.com/video/42", "vimeo", "42"),
    ],
)
def test_youtube_and_vimeo_addresses_give_their_video_id(url, provider, video_id):
    video = parse_video_url(url)
    assert (video.provider, video.video_id) == (provider, video_id)


def test_embeds_are_the_privacy_enhanced_players():
    youtube = parse_video_url("https://youtu.be/abcdefghijk")
    vimeo = parse_video_url("https://vimeo.com/42")
    assert youtube.embed_url == "https://www.youtube-nocookie.com/embed/abcdefghijk?autoplay=1"
    assert vimeo.embed_url.startswith("https://player.vimeo.com/video/42?dnt=1")
    assert youtube.watch_url == "https://www.youtube.com/watch?v=abcdefghijk"


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("https://www.dailymotion.com/video/x7xyz", "unsupported_host"),
        ("https://evil.example/watch?v=abcdefghijk", "unsupported_host"),
        ("https://youtube.com.evil.example/watch?v=abcdefghijk", "unsupported_host"),
        ("https://www.youtube.com/channel/UC123", "no_video_id"),
        ("https://www.youtube.com/watch?v=short", "no_video_id"),
        ("https://vimeo.com/about", "no_video_id"),
        ("javascript:alert(1)", "invalid"),
        ("www.youtube.com/watch?v=abcdefghijk", "invalid"),
    ],
)
def test_other_addresses_are_refused_with_a_reason(url, code):
    with pytest.raises(ValidationError) as caught:
        parse_video_url(url)
    assert caught.value.code == code


@pytest.mark.parametrize(
    ("text", "seconds"), [("245", 245), ("4:05", 245), ("0:06", 6), ("1:02:03", 3723)]
)
def test_durations_are_typed_as_minutes_and_seconds(text, seconds):
    assert parse_duration(text) == seconds
    assert DurationFormField(required=False).clean(text) == seconds


@pytest.mark.parametrize("text", ["4:65", "four minutes", "4.05", "-3", "1:2:3:4"])
def test_nonsense_durations_say_how_to_write_them(text):
    with pytest.raises(ValidationError):
        parse_duration(text)


def test_durations_print_like_a_player_does():
    assert format_duration(245) == "4:05"
    assert format_duration(6) == "0:06"
    assert format_duration(3723) == "1:02:03"
    assert format_duration(None) == ""
    assert DurationFormField().prepare_value(245) == "4:05"
