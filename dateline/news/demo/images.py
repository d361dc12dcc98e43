"""Demo pictures drawn with Pillow: skylines, harbours and fields, no network."""

from __future__ import annotations

import io
import random

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model

from dateline.news.demo.content import PALETTES

SCENES = ["harbour", "skyline", "fields", "hills"]


def _blend(a, b, t):
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def draw_scene(rng: random.Random, scene: str, palette, size=(1200, 675)) -> bytes:
    width, height = size
    sky, sun = palette
    picture = PILImage.new("RGB", size, sky)
    draw = ImageDraw.Draw(picture)
    for y in range(height):  # a vertical gradient sky
        draw.line([(0, y), (width, y)], fill=_blend(sky, sun, (y / height) * 0.6))
    cx, cy, r = rng.randint(150, width - 150), rng.randint(80, 250), rng.randint(40, 90)
    draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=_blend(sun, (255, 255, 255), 0.4))
    ground = _blend(sky, (0, 0, 0), 0.55)
    horizon = rng.randint(int(height * 0.55), int(height * 0.7))
    if scene == "skyline":
        x = 0
        while x < width:
            w, h = rng.randint(40, 110), rng.randint(80, 320)
            draw.rectangle(
                [x, horizon - h, x + w, height], fill=_blend(ground, sky, rng.random() * 0.3)
            )
            x += w + rng.randint(0, 12)
    elif scene == "harbour":
        draw.rectangle([0, horizon, width, height], fill=_blend(sky, (0, 20, 60), 0.5))
        for _ in range(rng.randint(3, 6)):
            bx, by = rng.randint(0, width - 200), horizon + rng.randint(20, 150)
            draw.polygon(
                [(bx, by), (bx + 180, by), (bx + 150, by + 40), (bx + 30, by + 40)], fill=ground
            )
            draw.line([(bx + 90, by), (bx + 90, by - 110)], fill=ground, width=5)
    else:
        for layer in range(3):
            points = [(0, height)]
            for x in range(0, width + 100, 100):
                swing = 120 if scene == "hills" else 30
                points.append((x, horizon + layer * 60 - rng.randint(0, swing)))
            points.append((width, height))
            draw.polygon(points, fill=_blend(ground, sun, layer * 0.2))
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=82)
    return buffer.getvalue()


def demo_images(rng: random.Random, count: int, *, collection=None) -> list:
    image_model = get_image_model()
    images = []
    for number in range(count):
        scene = SCENES[number % len(SCENES)]
        palette = PALETTES[number % len(PALETTES)]
        data = draw_scene(rng, scene, palette)
        title = f"Demo {scene} {number + 1}"
        image = image_model(
            title=title,
            description=f"Illustration: a stylised {scene} at dusk (demo picture).",
            file=ImageFile(io.BytesIO(data), name=f"demo-{scene}-{number + 1}.jpg"),
        )
        if collection is not None:
            image.collection = collection
        image.save()
        images.append(image)
    return images
