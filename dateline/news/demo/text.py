"""Headlines and bodies assembled from the demo phrases, deterministic per seed."""

from __future__ import annotations

import random
import re

from dateline.news.demo import content

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def two_places(rng: random.Random) -> tuple[str, str]:
    first, second = rng.sample(content.PLACES, 2)
    return first, second


# Some invented places carry their article ("the Tirel Basin"); phrases such as
# "along the {place} line" would otherwise read "along the the Tirel Basin line".
DOUBLED_ARTICLE = re.compile(r"\b([Tt])he the\b")


def fill(template: str, **values: str) -> str:
    return DOUBLED_ARTICLE.sub(r"\1he", template.format(**values))


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def headline(rng: random.Random, section_slug: str) -> tuple[str, str, str]:
    place, place2 = two_places(rng)
    title = fill(rng.choice(content.SUBJECTS[section_slug]), place=place, place2=place2)
    return capitalise(title), place, place2


def summary(rng: random.Random, place: str, place2: str) -> str:
    detail = rng.choice(content.DETAILS)
    return capitalise(f"In {place}, {detail}; neighbours in {place2} are watching closely.")


def body_paragraphs(rng: random.Random, place: str, place2: str, count: int) -> list[str]:
    values = {
        "place": place,
        "place2": place2,
        "weekday": rng.choice(WEEKDAYS),
        "detail": rng.choice(content.DETAILS),
        "detail2": rng.choice(content.DETAILS2),
    }
    paragraphs = [capitalise(fill(rng.choice(content.OPENINGS), **values))]
    paragraphs += [fill(m, **values) for m in rng.sample(content.MIDDLES, min(count, 8))]
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
                "value": {"quote": quote, "attribution": fill(who, place=place, place2=place2)},
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
