"""Headlines and bodies assembled from the demo phrases, deterministic per seed."""

from __future__ import annotations

import random

from dateline.news.demo import content

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def two_places(rng: random.Random) -> tuple[str, str]:
    first, second = rng.sample(content.PLACES, 2)
    return first, second


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def headline(rng: random.Random, section_slug: str) -> tuple[str, str, str]:
    place, place2 = two_places(rng)
    title = rng.choice(content.SUBJECTS[section_slug]).format(place=place, place2=place2)
    return capitalise(title), place, place2


def summary(rng: random.Random, place: str, place2: str) -> str:
    detail = rng.choice(content.DETAILS)
    return capitalise(f"In {place}, {detail}; neighbours in {place2} are watching closely.")


def body_paragraphs(rng: random.Random, place: str, place2: str, count: int) -> list[str]:
    fill = {
        "place": place,
        "place2": place2,
        "weekday": rng.choice(WEEKDAYS),
        "detail": rng.choice(content.DETAILS),
        "detail2": rng.choice(content.DETAILS2),
    }
    paragraphs = [capitalise(rng.choice(content.OPENINGS).format(**fill))]
    paragraphs += [m.format(**fill) for m in rng.sample(content.MIDDLES, min(count, 8))]
    paragraphs.append(rng.choice(content.CLOSINGS))
    return paragraphs


def body_stream(rng: random.Random, place: str, place2: str, *, image=None) -> list[dict]:
    """A StreamField body as raw block data (paragraphs, a heading, maybe a quote)."""
    paragraphs = body_paragraphs(rng, place, place2, rng.randint(3, 6))
    blocks: list[dict] = [{"type": "paragraph", "value": f"<p>{p}</p>"} for p in paragraphs]
    blocks.insert(2, {"type": "heading", "value": {"text": "What happens next", "level": "h2"}})
    if rng.random() < 0.4:
        quote, who = rng.choice(content.QUOTES)
        blocks.insert(
            4,
            {
                "type": "pull_quote",
                "value": {"quote": quote, "attribution": who.format(place=place, place2=place2)},
            },
        )
    if image is not None and rng.random() < 0.3:
        blocks.insert(
            3,
            {
                "type": "image",
                "value": {
                    "image": image.pk,
                    "caption": f"A view over {place}.",
                    "credit": "Dateline demo",
                },
            },
        )
    return blocks
