"""Product pictures drawn locally with Pillow, so the demo needs no download."""

from __future__ import annotations

import math
import random
from io import BytesIO

from PIL import Image, ImageDraw, ImageFilter

SIZE = 800
METALS = {
    "copperware": [(184, 98, 52), (205, 127, 74), (150, 72, 35)],
    "copper-lantern": [(176, 110, 48), (214, 150, 80), (122, 70, 30)],
    "silver-jewellery": [(192, 196, 202), (222, 226, 230), (150, 156, 164)],
}
BACKGROUNDS = [(246, 239, 228), (236, 228, 216), (228, 233, 238), (241, 235, 225)]


def _hammered_disc(
    draw: ImageDraw.ImageDraw, rng: random.Random, palette: list[tuple[int, int, int]], scale: float
) -> None:
    centre, radius = SIZE / 2, SIZE * 0.42 * scale
    draw.ellipse(
        [centre - radius, centre - radius, centre + radius, centre + radius], fill=palette[0]
    )
    for ring in range(1, 6):
        r = radius * (1 - ring * 0.14)
        draw.ellipse([centre - r, centre - r, centre + r, centre + r], outline=palette[2], width=3)
    for _ in range(900):
        angle, dist = rng.uniform(0, 2 * math.pi), radius * math.sqrt(rng.random()) * 0.97
        x, y = centre + dist * math.cos(angle), centre + dist * math.sin(angle)
        dot = rng.uniform(3, 9)
        draw.ellipse([x - dot, y - dot, x + dot, y + dot], fill=rng.choice(palette))
    for petal in range(12):  # chased rosette in the middle
        angle = petal * math.pi / 6
        x, y = centre + radius * 0.3 * math.cos(angle), centre + radius * 0.3 * math.sin(angle)
        draw.ellipse([x - 22, y - 22, x + 22, y + 22], outline=palette[2], width=4)


def _lantern(
    draw: ImageDraw.ImageDraw, rng: random.Random, palette: list[tuple[int, int, int]], scale: float
) -> None:
    cx, top, bottom, half = SIZE / 2, SIZE * 0.12, SIZE * 0.88, SIZE * 0.2 * scale
    body = [
        (cx - half, top + 120),
        (cx + half, top + 120),
        (cx + half * 1.2, bottom - 80),
        (cx - half * 1.2, bottom - 80),
    ]
    draw.polygon(body, fill=palette[0], outline=palette[2])
    draw.polygon([(cx, top), (cx + half, top + 120), (cx - half, top + 120)], fill=palette[2])
    draw.rectangle([cx - half * 1.3, bottom - 80, cx + half * 1.3, bottom - 50], fill=palette[2])
    for row in range(8):
        for col in range(5):
            x = cx - half + 20 + col * (2 * half - 40) / 4
            y = top + 160 + row * 55
            glow = (255, 214, 140) if rng.random() > 0.3 else palette[1]
            draw.ellipse([x - 8, y - 12, x + 8, y + 12], fill=glow)


def _jewel(
    draw: ImageDraw.ImageDraw, rng: random.Random, palette: list[tuple[int, int, int]], scale: float
) -> None:
    centre, radius = SIZE / 2, SIZE * 0.3 * scale
    draw.ellipse(
        [centre - radius, centre - radius, centre + radius, centre + radius],
        outline=palette[0],
        width=int(48 * scale),
    )
    for stud in range(16):
        angle = stud * math.pi / 8
        x, y = centre + radius * math.cos(angle), centre + radius * math.sin(angle)
        colour = (196, 30, 58) if stud % 4 == 0 else (30, 120, 90) if stud % 4 == 2 else palette[1]
        draw.ellipse([x - 14, y - 14, x + 14, y + 14], fill=colour, outline=palette[2], width=2)
    for _ in range(200):
        angle = rng.uniform(0, 2 * math.pi)
        x, y = centre + radius * math.cos(angle), centre + radius * math.sin(angle)
        draw.point((x + rng.uniform(-20, 20), y + rng.uniform(-20, 20)), fill=palette[2])


def product_image(*, product_type: str, seed: str, view: int) -> bytes:
    """A JPEG of a tray, lantern or jewel; ``view`` 0 is the whole piece, 1 a closer look."""
    rng = random.Random(f"{seed}:{view}")
    palette = METALS.get(product_type, METALS["copperware"])
    image = Image.new("RGB", (SIZE, SIZE), rng.choice(BACKGROUNDS))
    draw = ImageDraw.Draw(image)
    scale = 1.0 if view == 0 else 1.6
    if product_type == "copper-lantern":
        _lantern(draw, rng, palette, scale)
    elif product_type == "silver-jewellery":
        _jewel(draw, rng, palette, scale)
    else:
        _hammered_disc(draw, rng, palette, scale)
    image = image.filter(ImageFilter.SMOOTH)
    buffer = BytesIO()
    image.save(buffer, format="JPEG", quality=82)
    return buffer.getvalue()


def banner_image(*, colours: tuple[str, str], seed: str) -> bytes:
    rng = random.Random(seed)
    primary = tuple(int(colours[0][i : i + 2], 16) for i in (1, 3, 5))
    image = Image.new("RGB", (1200, 360), tuple(int(colours[1][i : i + 2], 16) for i in (1, 3, 5)))
    draw = ImageDraw.Draw(image)
    for _ in range(60):
        x, y, r = rng.uniform(0, 1200), rng.uniform(0, 360), rng.uniform(10, 60)
        draw.ellipse([x - r, y - r, x + r, y + r], outline=primary, width=3)
    buffer = BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    return buffer.getvalue()
