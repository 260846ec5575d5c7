"""Draw the default mystery pictures that an imported pack plays with: four flat illustrations.

A pack imported from Moodle, Kahoot, Quizlet, a spreadsheet or Open Trivia DB has
questions but no picture; ``clarity import`` gives it these (see
``clarity.formats.default_mysteries``), so it plays at once. Each is a thing every class
can name in one or two words in English, Russian and Belarusian: a lighthouse, a hot-air
balloon, a sailing boat and a windmill.

Each picture is drawn in layers with Pillow (sky, far land, near land, the thing itself,
then small details: birds, waves, flowers, clouds) at twice the final size and scaled
down smoothly for clean edges, in the same flat illustrated style as the other generated
mysteries. The scene around the thing is busy enough that one or two uncovered tiles show
sky, sea or field, not the answer; the thing spans several tiles of every grid the rounds
use (4x5 down to 1x2), and nothing else in a picture is another round's answer (no far
balloon, no boat by the lighthouse). Each picture records the box of every thing it draws
(:class:`Drawn`, measured from the pixels it changed), so a test checks both. Nothing is
read from outside; randomness is seeded, so every run writes the same bytes. The pictures
are reduced to a palette of 256 colours (flat colours lose nothing) and written with PNG's
best compression.

Usage::

    python tools/make_default_mysteries.py [--out assets/mysteries]

Writes ``lighthouse.png``, ``balloon.png``, ``sailboat.png`` and ``windmill.png``,
each 1200x900.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw

DEFAULT_OUT = Path(__file__).resolve().parent.parent / "assets" / "mysteries"
SIZE = (1200, 900)
SUPERSAMPLE = 2
W, H = SIZE[0] * SUPERSAMPLE, SIZE[1] * SUPERSAMPLE

Color = tuple[int, int, int]
Point = tuple[float, float]


def s(value: float) -> float:
    """A length in final-picture pixels, in the supersampled canvas's pixels."""
    return value * SUPERSAMPLE


def pts(points: Sequence[Point]) -> list[Point]:
    return [(s(x), s(y)) for x, y in points]


def mix(a: Color, b: Color, t: float) -> Color:
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


@dataclass(frozen=True)
class Drawn:
    """One thing drawn in a picture (the answer, a house, a buoy): its ``kind`` and the box
    of the pixels drawing it changed, ``(left, top, right, bottom)`` in final-picture
    pixels, right and bottom exclusive, as Pillow's ``getbbox`` gives them."""

    kind: str
    box: tuple[int, int, int, int]


@contextmanager
def drawing(image: Image.Image, kind: str, things: list[Drawn]) -> Iterator[None]:
    """Record in ``things`` what the block draws on ``image`` as one thing of ``kind``.

    Its box is measured, not declared: the pixels that differ from before the block
    (nothing changed: nothing recorded), so a test can check that no tile of a grid holds
    a whole answer (see tests/formats/test_default_mysteries.py)."""
    before = image.copy()
    yield
    box = ImageChops.difference(before, image).getbbox()
    if box is not None:
        left, top, right, bottom = box
        things.append(
            Drawn(
                kind,
                (
                    left // SUPERSAMPLE,
                    top // SUPERSAMPLE,
                    -(-right // SUPERSAMPLE),
                    -(-bottom // SUPERSAMPLE),
                ),
            )
        )


# -- shared layers -----------------------------------------------------------------------


def banded_sky(draw: ImageDraw.ImageDraw, top: Color, bottom: Color, horizon: float) -> None:
    """The sky as flat horizontal bands from ``top`` to ``bottom`` down to ``horizon``."""
    bands = 9
    for i in range(bands):
        y0 = horizon * i / bands
        y1 = horizon * (i + 1) / bands
        draw.rectangle((0, s(y0), W, s(y1) + 2), fill=mix(top, bottom, i / (bands - 1)))


def cloud(draw: ImageDraw.ImageDraw, x: float, y: float, width: float, colour: Color) -> None:
    """A flat cloud: a flat bottom and three or four round puffs, ``width`` wide at (x, y)."""
    h = width * 0.22
    shade = mix(colour, (150, 170, 200), 0.25)
    draw.rounded_rectangle(
        (s(x), s(y - h * 0.2), s(x + width), s(y + h * 0.55)), radius=s(h * 0.35), fill=shade
    )
    puffs = ((0.22, 0.32), (0.45, 0.5), (0.7, 0.36), (0.86, 0.22))
    for fx, fr in puffs:
        r = width * fr * 0.55
        cx, cy = x + width * fx, y - r * 0.35
        draw.ellipse((s(cx - r), s(cy - r), s(cx + r), s(cy + r)), fill=colour)
    draw.rounded_rectangle(
        (s(x), s(y - h * 0.35), s(x + width), s(y + h * 0.35)), radius=s(h * 0.35), fill=colour
    )


def bird(draw: ImageDraw.ImageDraw, x: float, y: float, span: float, colour: Color) -> None:
    """A gull as two shallow arcs (the 'm' children draw)."""
    half = span / 2
    width = max(2, round(s(span * 0.09)))
    draw.arc(
        (s(x - half), s(y - half * 0.5), s(x), s(y + half * 0.5)), 200, 340, colour, width=width
    )
    draw.arc(
        (s(x), s(y - half * 0.5), s(x + half), s(y + half * 0.5)), 200, 340, colour, width=width
    )


def wave_line(
    draw: ImageDraw.ImageDraw, span: tuple[float, float, float], wave: tuple[float, float], c: Color
) -> None:
    """A short run of wave crests: ``span`` is (x0, x1, y), ``wave`` (amplitude, length)."""
    x0, x1, y = span
    amp, length = wave
    points: list[Point] = []
    x = x0
    while x <= x1:
        points.append((x, y + amp * math.sin((x - x0) / length * 2 * math.pi)))
        x += 4
    draw.line(pts(points), fill=c, width=round(s(3)), joint="curve")


def hill(
    draw: ImageDraw.ImageDraw,
    base: float,
    waves: Sequence[tuple[float, float, float]],
    colour: Color,
    bottom: float = SIZE[1],
) -> list[Point]:
    """A land shape whose top is ``base`` plus sine ``waves`` (amplitude, period, phase)."""
    top: list[Point] = []
    for x in range(0, SIZE[0] + 9, 8):
        y = base + sum(a * math.sin(x / p * 2 * math.pi + ph) for a, p, ph in waves)
        top.append((x, y))
    draw.polygon(pts([*top, (SIZE[0] + 8, bottom), (0, bottom)]), fill=colour)
    return top


def sun(draw: ImageDraw.ImageDraw, centre: Point, r: float, colour: Color, halo: Color) -> None:
    """A round sun of radius ``r`` at ``centre``, in two rings of ``halo``."""
    x, y = centre
    for k, colour_k in ((1.6, mix(halo, colour, 0.2)), (1.3, mix(halo, colour, 0.55))):
        draw.ellipse((s(x - r * k), s(y - r * k), s(x + r * k), s(y + r * k)), fill=colour_k)
    draw.ellipse((s(x - r), s(y - r), s(x + r), s(y + r)), fill=colour)


# -- the pictures --------------------------------------------------------------------------


def lighthouse(rng: random.Random, things: list[Drawn]) -> Image.Image:
    """A red and white lighthouse on a rocky point, its beams over an evening sea.

    The tower stands in the middle of the picture, so that even the two halves of a 1x2
    grid each show only half of it; the sea around holds bare rocks and gulls, nothing that
    is another round's answer."""
    image = Image.new("RGB", (W, H))
    d = ImageDraw.Draw(image)
    horizon = 560
    banded_sky(d, (44, 62, 120), (246, 170, 120), horizon)
    sun(d, (200, 500), 60, (255, 214, 130), (246, 170, 120))
    for x, y, w in ((40, 140, 230), (800, 90, 300), (300, 300, 150), (980, 300, 170)):
        cloud(d, x, y, w, (250, 214, 206))
    # the sea in bands, darker towards us, with the sun's path on it
    for i in range(7):
        y0 = horizon + i * 50
        d.rectangle((0, s(y0), W, s(y0 + 52)), fill=mix((70, 110, 160), (24, 52, 96), i / 6))
    for i in range(9):
        y = horizon + 12 + i * 18
        half = 70 - i * 3 + rng.uniform(-10, 10)
        d.rounded_rectangle(
            (s(200 - half), s(y), s(200 + half), s(y + 5)), radius=s(2), fill=(250, 200, 140)
        )
    for _ in range(60):
        x = rng.uniform(0, SIZE[0])
        y = rng.uniform(horizon + 20, SIZE[1] - 10)
        depth = (y - horizon) / (SIZE[1] - horizon)
        wave_line(d, (x, x + 30 + 50 * depth, y), (3 + 3 * depth, 24 + 20 * depth), (120, 160, 200))
    # the beams, from the lantern, pale over the sky
    cx = 600
    lamp = (cx, 250)
    beams = Image.new("RGBA", (W, H), (0, 0, 0, 0))
    b = ImageDraw.Draw(beams)
    for angle, spread in ((-0.25, 0.09), (3.5, 0.08)):
        far = 1400
        p1 = (lamp[0] + far * math.cos(angle - spread), lamp[1] + far * math.sin(angle - spread))
        p2 = (lamp[0] + far * math.cos(angle + spread), lamp[1] + far * math.sin(angle + spread))
        b.polygon(pts([lamp, p1, p2]), fill=(255, 236, 150, 150))
    image.paste(beams, (0, 0), beams)
    d = ImageDraw.Draw(image)
    # the rocky point: layered rocks, dark to light, sloping into the sea on both sides
    with drawing(image, "rocks", things):
        d.polygon(
            pts(
                [
                    (340, 900),
                    (380, 720),
                    (460, 650),
                    (560, 612),
                    (700, 602),
                    (800, 636),
                    (900, 690),
                    (990, 770),
                    (1050, 900),
                ]
            ),
            fill=(70, 64, 70),
        )
        for rx0, ry0, rx, ry, c in (
            (450, 700, 90, 50, (96, 88, 92)),
            (830, 690, 110, 60, (88, 80, 86)),
            (630, 640, 160, 40, (104, 98, 100)),
            (400, 800, 80, 70, (60, 56, 62)),
            (930, 790, 80, 70, (74, 68, 74)),
        ):
            d.ellipse((s(rx0 - rx), s(ry0 - ry), s(rx0 + rx), s(ry0 + ry)), fill=c)
        # grass on top of the rock
        d.polygon(
            pts([(480, 640), (550, 612), (710, 604), (810, 630), (750, 640), (550, 650)]),
            fill=(88, 128, 76),
        )
    # surf where the sea meets the rock
    for x, y, w in (
        (340, 880, 80),
        (370, 790, 60),
        (1040, 870, 50),
        (410, 720, 50),
        (980, 770, 40),
    ):
        d.ellipse((s(x - w), s(y - 12), s(x + w), s(y + 12)), fill=(230, 240, 245))
    # the keeper's house
    with drawing(image, "keeper's house", things):
        d.rectangle((s(710), s(560), s(830), s(630)), fill=(236, 230, 214))
        d.polygon(pts([(698, 562), (770, 515), (842, 562)]), fill=(150, 52, 48))
        d.rectangle((s(735), s(580), s(760), s(605)), fill=(250, 210, 110))
        d.rectangle((s(785), s(585), s(808), s(630)), fill=(110, 70, 50))
    with drawing(image, "lighthouse", things):
        lighthouse_tower(d, cx)
    # two bare rocks out at sea with a gull resting on them, and gulls in the sky
    with drawing(image, "sea rocks", things):
        for x, y, rx, ry, c in (
            (1080, 650, 56, 26, (70, 64, 70)),
            (1132, 660, 34, 18, (88, 80, 86)),
            (1066, 642, 26, 14, (96, 88, 92)),
        ):
            d.pieslice((s(x - rx), s(y - ry), s(x + rx), s(y + ry)), 180, 360, fill=c)
        for x, w in ((1060, 50), (1140, 36)):
            d.ellipse((s(x - w), s(656), s(x + w), s(668)), fill=(230, 240, 245))
        d.ellipse((s(1074), s(616), s(1096), s(630)), fill=(246, 246, 244))
        d.ellipse((s(1090), s(610), s(1102), s(622)), fill=(246, 246, 244))
        d.polygon(pts([(1102, 614), (1110, 617), (1102, 619)]), fill=(240, 170, 60))
        d.polygon(pts([(1074, 622), (1064, 618), (1074, 628)]), fill=(60, 60, 70))
    for x, y, span in (
        (300, 330, 40),
        (360, 300, 30),
        (440, 180, 46),
        (1060, 440, 34),
        (140, 260, 26),
        (900, 380, 28),
    ):
        bird(d, x, y, span, (40, 40, 60))
    return image


def lighthouse_tower(d: ImageDraw.ImageDraw, cx: float) -> None:
    """The tower at ``cx``: a tapered cone in red and white bands, shaded on its right,
    its windows and door, the gallery, the lantern room with its light, the dome and vane."""
    base_y, top_y = 625, 290
    base_half, top_half = 62, 38

    def half_at(y: float) -> float:
        return top_half + (base_half - top_half) * (y - top_y) / (base_y - top_y)

    bands = 6
    for i in range(bands):
        y0 = top_y + (base_y - top_y) * i / bands
        y1 = top_y + (base_y - top_y) * (i + 1) / bands
        colour = (204, 46, 46) if i % 2 == 0 else (246, 244, 238)
        shade = mix(colour, (40, 30, 60), 0.25)
        h0, h1 = half_at(y0), half_at(y1)
        d.polygon(pts([(cx - h0, y0), (cx + h0, y0), (cx + h1, y1), (cx - h1, y1)]), fill=colour)
        d.polygon(
            pts([(cx + h0 * 0.35, y0), (cx + h0, y0), (cx + h1, y1), (cx + h1 * 0.35, y1)]),
            fill=shade,
        )
    for y in (380, 470, 560):
        d.rounded_rectangle((s(cx - 8), s(y), s(cx + 8), s(y + 24)), radius=s(6), fill=(50, 50, 70))
    d.rectangle((s(cx - 18), s(base_y - 46), s(cx + 18), s(base_y)), fill=(90, 60, 50))
    d.rectangle((s(cx - 56), s(top_y - 8), s(cx + 56), s(top_y + 6)), fill=(40, 40, 48))
    x = cx - 52
    while x <= cx + 52:
        d.line(pts([(x, top_y - 30), (x, top_y - 8)]), fill=(40, 40, 48), width=round(s(3)))
        x += 13
    d.line(
        pts([(cx - 54, top_y - 30), (cx + 54, top_y - 30)]), fill=(40, 40, 48), width=round(s(4))
    )
    d.rectangle((s(cx - 32), s(top_y - 80), s(cx + 32), s(top_y - 8)), fill=(255, 236, 150))
    d.ellipse((s(cx - 18), s(top_y - 62), s(cx + 18), s(top_y - 26)), fill=(255, 252, 230))
    for x in (cx - 32, cx - 11, cx + 11, cx + 32):
        d.line(pts([(x, top_y - 80), (x, top_y - 8)]), fill=(40, 40, 48), width=round(s(4)))
    d.pieslice(
        (s(cx - 40), s(top_y - 120), s(cx + 40), s(top_y - 40)), 180, 360, fill=(180, 40, 40)
    )
    d.line(pts([(cx, top_y - 120), (cx, top_y - 150)]), fill=(40, 40, 48), width=round(s(4)))
    d.ellipse((s(cx - 6), s(top_y - 128), s(cx + 6), s(top_y - 116)), fill=(40, 40, 48))


def balloon(rng: random.Random, things: list[Drawn]) -> Image.Image:
    """A striped hot-air balloon over a patchwork of fields, the only balloon in the sky."""
    image = Image.new("RGB", (W, H))
    d = ImageDraw.Draw(image)
    banded_sky(d, (96, 160, 220), (206, 232, 246), 900)
    for x, y, w in (
        (40, 120, 260),
        (880, 70, 240),
        (700, 360, 200),
        (60, 520, 220),
        (980, 560, 180),
        (430, 60, 150),
    ):
        cloud(d, x, y, w, (255, 255, 255))
    # the land: far blue hills, then fields in a patchwork, then a near hedge
    hill(d, 690, ((18, 300, 0.4), (10, 140, 1.0)), (132, 170, 190))
    hill(d, 735, ((12, 420, 2.0), (6, 160, 0.5)), (120, 176, 96))
    field_colours = [
        (150, 196, 96),
        (214, 196, 102),
        (104, 160, 86),
        (188, 214, 120),
        (200, 170, 92),
        (132, 186, 104),
    ]
    ys = [745, 775, 815, 870, 910]
    for row in range(len(ys) - 1):
        x = -40.0
        while x < SIZE[0]:
            w = rng.uniform(120, 260)
            lean = (x - 600) * 0.18 * (row + 1) / 4
            lean2 = (x + w - 600) * 0.18 * (row + 1) / 4
            y0, y1 = ys[row], ys[row + 1]
            d.polygon(
                pts(
                    [
                        (x + lean * 0.6, y0),
                        (x + w + lean2 * 0.6, y0),
                        (x + w + lean2, y1),
                        (x + lean, y1),
                    ]
                ),
                fill=rng.choice(field_colours),
            )
            x += w
    for x in range(0, SIZE[0], 60):
        d.line(
            pts([(x + rng.uniform(-5, 5), 745), (x * 1.2 - 120, 900)]),
            fill=(96, 140, 80),
            width=round(s(2)),
        )
    for _ in range(26):
        x, y = rng.uniform(0, SIZE[0]), rng.uniform(750, 880)
        r = 6 + (y - 740) / 16
        d.ellipse((s(x - r), s(y - r * 1.4), s(x + r), s(y + r * 0.4)), fill=(56, 110, 66))
    # a village: a few roofs and a church spire
    with drawing(image, "village", things):
        for x in (300, 330, 362, 392):
            d.rectangle((s(x), s(735), s(x + 24), s(752)), fill=(240, 234, 220))
            d.polygon(pts([(x - 3, 736), (x + 12, 724), (x + 27, 736)]), fill=(176, 70, 56))
        d.rectangle((s(420), s(710), s(434), s(752)), fill=(240, 234, 220))
        d.polygon(pts([(418, 712), (427, 680), (436, 712)]), fill=(90, 96, 120))
    # a flock of geese far off on the left, where the sky is empty
    for x, y, span in (
        (150, 330, 30),
        (178, 348, 26),
        (122, 350, 26),
        (206, 366, 22),
        (94, 368, 22),
    ):
        bird(d, x, y, span, (70, 80, 100))
    # the balloon: gores in bright stripes, shaded at the sides, a band and a skirt
    with drawing(image, "balloon", things):
        cx, cy, rx, ry = 640, 330, 230, 250
        gores = [
            (226, 60, 56),
            (250, 196, 54),
            (52, 150, 200),
            (250, 246, 236),
            (226, 60, 56),
            (250, 196, 54),
            (52, 150, 200),
            (250, 246, 236),
            (226, 60, 56),
        ]

        def envelope(t: float, side: float) -> Point:
            """A point on the envelope's outline: t from 0 (top) to 1 (the mouth)."""
            if t <= 0.72:
                a = math.pi * (t / 0.72) * 0.62
                return cx + side * rx * math.sin(a) * 1.0, cy - ry * math.cos(a)
            k = (t - 0.72) / 0.28
            x_start = rx * math.sin(math.pi * 0.62)
            y_start = cy - ry * math.cos(math.pi * 0.62)
            return cx + side * (x_start + (72 - x_start) * k), y_start + (
                cy + ry + 70 - y_start
            ) * k

        steps = 48
        outline_left = [envelope(i / steps, -1) for i in range(steps + 1)]
        outline_right = [envelope(i / steps, 1) for i in range(steps + 1)]
        # each gore is the part of the envelope between two "meridians"
        n = len(gores)
        for g in range(n):
            f0, f1 = -1 + 2 * g / n, -1 + 2 * (g + 1) / n
            left = [(cx + (x - cx) * -f0, y) for x, y in outline_left]
            right = [(cx + (x - cx) * -f1, y) for x, y in outline_left]
            shade = 0.32 * max(abs(f0), abs(f1)) ** 2
            d.polygon(pts([*left, *reversed(right)]), fill=mix(gores[g], (40, 30, 70), shade))
        d.line(pts(outline_left), fill=(60, 40, 50), width=round(s(3)))
        d.line(pts(outline_right), fill=(60, 40, 50), width=round(s(3)))
        # a highlight on the upper left
        d.ellipse((s(cx - 150), s(cy - 190), s(cx - 118), s(cy - 120)), fill=(255, 236, 220))
        # the band round the middle and the skirt
        band_y = cy + 80
        for side_points in (outline_left,):
            near = min(side_points, key=lambda p: abs(p[1] - band_y))
            half = cx - near[0]
            d.rounded_rectangle(
                (s(cx - half), s(band_y - 9), s(cx + half), s(band_y + 9)),
                radius=s(9),
                fill=(40, 80, 150),
            )
            for k in range(-4, 5):
                x = cx + k * half / 5
                d.ellipse((s(x - 4), s(band_y - 4), s(x + 4), s(band_y + 4)), fill=(250, 220, 80))
        mouth = cy + ry + 70
        d.polygon(
            pts([(cx - 72, mouth), (cx + 72, mouth), (cx + 52, mouth + 30), (cx - 52, mouth + 30)]),
            fill=(190, 60, 52),
        )
        # the burner's flame
        d.polygon(
            pts([(cx - 14, mouth + 58), (cx, mouth + 8), (cx + 14, mouth + 58)]),
            fill=(255, 170, 50),
        )
        d.polygon(
            pts([(cx - 6, mouth + 58), (cx, mouth + 30), (cx + 6, mouth + 58)]),
            fill=(255, 240, 150),
        )
        d.rectangle((s(cx - 22), s(mouth + 56), s(cx + 22), s(mouth + 66)), fill=(80, 80, 90))
        # ropes and the wicker basket
        bx, by, bw, bh = cx, mouth + 110, 84, 64
        for x0, x1 in (
            (cx - 52, bx - bw / 2),
            (cx - 20, bx - bw / 6),
            (cx + 20, bx + bw / 6),
            (cx + 52, bx + bw / 2),
        ):
            d.line(pts([(x0, mouth + 30), (x1, by)]), fill=(70, 50, 40), width=round(s(3)))
        d.rectangle((s(bx - bw / 2), s(by), s(bx + bw / 2), s(by + bh)), fill=(176, 118, 60))
        for k in range(1, 6):
            y = by + k * bh / 6
            d.line(pts([(bx - bw / 2, y), (bx + bw / 2, y)]), fill=(140, 88, 44), width=round(s(2)))
        for k in range(1, 7):
            x = bx - bw / 2 + k * bw / 7
            d.line(pts([(x, by), (x, by + bh)]), fill=(150, 98, 50), width=round(s(2)))
        d.rectangle(
            (s(bx - bw / 2 - 4), s(by - 6), s(bx + bw / 2 + 4), s(by + 4)), fill=(120, 76, 40)
        )
        # two people waving in the basket
        for x, c in ((bx - 18, (60, 110, 190)), (bx + 18, (200, 70, 90))):
            d.ellipse((s(x - 9), s(by - 30), s(x + 9), s(by - 12)), fill=(240, 200, 170))
            d.rectangle((s(x - 10), s(by - 12), s(x + 10), s(by)), fill=c)
        d.line(pts([(bx + 26, by - 8), (bx + 40, by - 34)]), fill=(200, 70, 90), width=round(s(5)))
    # birds
    for x, y, span in ((920, 430, 36), (960, 410, 28), (300, 460, 30), (150, 600, 24)):
        bird(d, x, y, span, (50, 60, 80))
    return image


def sailboat(rng: random.Random, things: list[Drawn]) -> Image.Image:
    """A sailing boat with two white sails on a bright sea, islands and gulls around it."""
    image = Image.new("RGB", (W, H))
    d = ImageDraw.Draw(image)
    horizon = 520
    banded_sky(d, (70, 150, 220), (190, 226, 244), horizon)
    sun(d, (1040, 130), 55, (255, 236, 140), (170, 214, 240))
    for x, y, w in ((60, 110, 250), (520, 70, 200), (760, 260, 220), (120, 340, 170)):
        cloud(d, x, y, w, (255, 255, 255))
    # islands on the horizon: a far blue one and a green one with a lighthouse-less hill
    d.polygon(
        pts([(0, horizon), (60, 470), (160, 455), (260, 490), (330, horizon)]), fill=(120, 160, 180)
    )
    d.polygon(
        pts([(860, horizon), (920, 480), (1000, 462), (1080, 478), (1160, 500), (1200, horizon)]),
        fill=(92, 150, 100),
    )
    for x in (940, 980, 1030, 1100):
        d.ellipse((s(x - 14), s(470), s(x + 14), s(500)), fill=(60, 120, 76))
    # the sea in bands
    for i in range(8):
        y0 = horizon + i * 48
        d.rectangle((0, s(y0), W, s(y0 + 50)), fill=mix((60, 150, 200), (20, 84, 150), i / 7))
    for _ in range(90):
        x = rng.uniform(-20, SIZE[0])
        y = rng.uniform(horizon + 10, SIZE[1])
        depth = (y - horizon) / (SIZE[1] - horizon)
        wave_line(
            d,
            (x, x + 24 + 60 * depth, y),
            (2 + 4 * depth, 20 + 26 * depth),
            mix((140, 200, 230), (90, 160, 210), depth),
        )
    # the boat: hull, stripe, cabin; mast, boom, mainsail and jib; a flag
    with drawing(image, "sailboat", things):
        cx = 600
        wl = 700  # water line
        hull = [(cx - 250, wl - 50), (cx + 270, wl - 50), (cx + 200, wl + 20), (cx - 190, wl + 20)]
        d.polygon(pts(hull), fill=(190, 50, 50))
        d.polygon(
            pts(
                [(cx - 250, wl - 50), (cx + 270, wl - 50), (cx + 258, wl - 34), (cx - 238, wl - 34)]
            ),
            fill=(250, 246, 236),
        )
        for k in range(5):
            x = cx - 150 + k * 70
            d.ellipse((s(x - 7), s(wl - 20), s(x + 7), s(wl - 6)), fill=(250, 240, 210))
        d.rounded_rectangle(
            (s(cx - 120), s(wl - 86), s(cx + 60), s(wl - 50)), radius=s(8), fill=(236, 226, 200)
        )
        for k in range(3):
            x = cx - 100 + k * 50
            d.rectangle((s(x), s(wl - 76), s(x + 30), s(wl - 60)), fill=(70, 120, 170))
        mast_x = cx - 20
        d.rectangle((s(mast_x - 5), s(150), s(mast_x + 5), s(wl - 50)), fill=(90, 60, 40))
        d.line(
            pts([(mast_x, wl - 110), (mast_x - 230, wl - 100)]),
            fill=(90, 60, 40),
            width=round(s(7)),
        )
        # the mainsail: curved leech, seams and a shaded half
        main = [(mast_x - 10, 170)]
        for k in range(21):
            t = k / 20
            main.append(
                (mast_x - 10 - 220 * t - 30 * math.sin(math.pi * t), 170 + (wl - 120 - 170) * t)
            )
        main.append((mast_x - 10, wl - 120))
        d.polygon(pts(main), fill=(250, 250, 246))
        d.polygon(
            pts([(mast_x - 10, 170), *main[11:-1], (mast_x - 10, wl - 120)]), fill=(226, 230, 236)
        )
        for k in range(1, 6):
            y = 170 + (wl - 120 - 170) * k / 6
            t = k / 6
            x_edge = mast_x - 10 - 220 * t - 30 * math.sin(math.pi * t)
            d.line(
                pts([(mast_x - 10, y), (x_edge, y + 6)]), fill=(200, 206, 214), width=round(s(2))
            )
        # a number on the mainsail, as racing boats carry
        d.ellipse((s(mast_x - 130), s(330), s(mast_x - 60), s(400)), fill=(40, 90, 170))
        # the jib, in front of the mast
        jib = [(mast_x + 12, 190)]
        for k in range(21):
            t = k / 20
            jib.append(
                (mast_x + 12 + 230 * t + 26 * math.sin(math.pi * t), 190 + (wl - 100 - 190) * t)
            )
        jib.append((mast_x + 12, wl - 100))
        d.polygon(pts(jib), fill=(255, 214, 80))
        d.polygon(
            pts(
                [
                    (mast_x + 12, 190),
                    (mast_x + 12 + 120, 190 + (wl - 290) * 0.5),
                    (mast_x + 12, wl - 100),
                ]
            ),
            fill=(246, 190, 60),
        )
        d.line(pts([(mast_x, 150), (cx + 262, wl - 50)]), fill=(80, 80, 90), width=round(s(2)))
        d.polygon(pts([(mast_x, 150), (mast_x + 60, 162), (mast_x, 176)]), fill=(220, 50, 60))
    # the boat's reflection and foam
    for k in range(6):
        y = wl + 28 + k * 16
        half = 200 - k * 26
        d.rounded_rectangle(
            (s(cx - half), s(y), s(cx + half), s(y + 5)),
            radius=s(2),
            fill=(120, 80, 110) if k % 2 == 0 else (60, 120, 180),
        )
    for x, w in ((cx - 210, 50), (cx + 230, 60), (cx + 120, 40)):
        d.ellipse((s(x - w), s(wl + 10), s(x + w), s(wl + 30)), fill=(236, 246, 250))
    # a dolphin's fin (not a buoy: a striped buoy reads as a little lighthouse and a round
    # one as a balloon, other rounds' answers) and gulls
    with drawing(image, "dolphin", things):
        # a dolphin leaping in an arc: its body is a band along a half circle, thick in
        # the middle, diving back in head first, a dorsal fin on its back and a tail fluke
        centre, radius = (190.0, 812.0), 50.0
        back: list[Point] = []
        belly: list[Point] = []
        for k in range(25):
            t = k / 24
            a = math.pi * (0.95 - 0.9 * t)
            thick = 3 + 12 * math.sin(math.pi * min(1.0, t * 1.15))
            ux, uy = math.cos(a), -math.sin(a)
            back.append((centre[0] - ux * (radius + thick), centre[1] + uy * (radius + thick)))
            belly.append((centre[0] - ux * (radius - thick), centre[1] + uy * (radius - thick)))
        d.polygon(pts([*back, *reversed(belly)]), fill=(96, 116, 146))
        d.polygon(pts(belly[4:20]), fill=(200, 210, 224))
        top = back[11]
        d.polygon(
            pts([(top[0] - 10, top[1] + 2), (top[0] - 2, top[1] - 20), (top[0] + 10, top[1])]),
            fill=(80, 98, 128),
        )
        tail = back[-1]
        d.polygon(
            pts(
                [
                    tail,
                    (tail[0] + 16, tail[1] + 10),
                    (tail[0] + 2, tail[1] + 4),
                    (tail[0] - 6, tail[1] + 16),
                ]
            ),
            fill=(80, 98, 128),
        )
        for x, w in ((140, 30), (240, 30)):
            d.ellipse((s(x - w), s(806), s(x + w), s(818)), fill=(236, 246, 250))
    for x, y, span in ((880, 340, 40), (930, 310, 30), (300, 220, 36), (1100, 420, 28)):
        bird(d, x, y, span, (60, 70, 90))
    return image


def windmill(rng: random.Random, things: list[Drawn]) -> Image.Image:
    """A windmill with four lattice sails over tulip fields and a canal."""
    image = Image.new("RGB", (W, H))
    d = ImageDraw.Draw(image)
    banded_sky(d, (110, 176, 230), (220, 238, 246), 640)
    for x, y, w in ((60, 90, 230), (840, 60, 260), (980, 330, 180), (70, 400, 170), (500, 40, 150)):
        cloud(d, x, y, w, (255, 255, 255))
    hill(d, 600, ((14, 500, 0.3), (8, 200, 1.2)), (150, 190, 200))
    for x in range(40, 1200, 150):
        h = rng.uniform(30, 50)
        d.ellipse((s(x - 26), s(600 - h), s(x + 26), s(612)), fill=(96, 146, 120))
    hill(d, 640, ((6, 600, 0.8),), (126, 184, 90))
    # tulip fields in rows running towards us, in bands of colour
    colours = [(226, 56, 72), (250, 200, 60), (240, 120, 170), (250, 250, 240), (236, 96, 40)]
    field_top = 660
    for k in range(-6, 9):
        x_far = 600 + k * 90
        x_near = 600 + k * 360
        x_far2 = 600 + (k + 1) * 90
        x_near2 = 600 + (k + 1) * 360
        colour = colours[k % len(colours)]
        d.polygon(
            pts([(x_far, field_top), (x_far2, field_top), (x_near2, 900), (x_near, 900)]),
            fill=colour,
        )
        # the green stripe between two fields
        d.polygon(
            pts(
                [
                    (x_far2 - 6, field_top),
                    (x_far2 + 6, field_top),
                    (x_near2 + 26, 900),
                    (x_near2 - 26, 900),
                ]
            ),
            fill=(80, 150, 70),
        )
    # single tulips close to us
    for _ in range(70):
        x = rng.uniform(0, SIZE[0])
        y = rng.uniform(780, 900)
        k = math.floor(
            (x - 600)
            / (
                360 * (y - field_top) / (900 - field_top)
                + 90 * (1 - (y - field_top) / (900 - field_top))
            )
        )
        c = mix(colours[k % len(colours)], (90, 20, 40), 0.25)
        r = 4 + (y - 760) / 14
        d.line(pts([(x, y), (x, y + r * 2)]), fill=(50, 120, 50), width=round(s(2)))
        d.pieslice((s(x - r), s(y - r), s(x + r), s(y + r)), 0, 180, fill=c)
        d.polygon(
            pts(
                [
                    (x - r, y),
                    (x - r * 0.5, y - r * 0.9),
                    (x, y - r * 0.2),
                    (x + r * 0.5, y - r * 0.9),
                    (x + r, y),
                ]
            ),
            fill=c,
        )
    # a canal across the fields and a little bridge
    d.polygon(pts([(0, 700), (1200, 676), (1200, 700), (0, 730)]), fill=(90, 150, 200))
    d.line(pts([(0, 712), (1200, 686)]), fill=(160, 206, 230), width=round(s(2)))
    # the mill: a tapered brick-red body, a white gallery, a thatched cap
    with drawing(image, "windmill", things):
        cx, base, top = 640, 690, 300
        d.polygon(
            pts([(cx - 110, base), (cx + 110, base), (cx + 70, top), (cx - 70, top)]),
            fill=(150, 74, 56),
        )
        d.polygon(
            pts([(cx + 30, base), (cx + 110, base), (cx + 70, top), (cx + 20, top)]),
            fill=(122, 58, 46),
        )
        for y in range(top + 30, base, 34):
            d.line(pts([(cx - 100, y), (cx + 100, y)]), fill=(134, 64, 50), width=round(s(2)))
        d.rectangle((s(cx - 140), s(520), s(cx + 140), s(532)), fill=(240, 236, 224))
        for x in range(cx - 136, cx + 140, 20):
            d.line(pts([(x, 500), (x, 520)]), fill=(240, 236, 224), width=round(s(3)))
        d.line(pts([(cx - 140, 500), (cx + 140, 500)]), fill=(240, 236, 224), width=round(s(4)))
        d.rounded_rectangle(
            (s(cx - 22), s(base - 70), s(cx + 22), s(base)), radius=s(20), fill=(70, 100, 60)
        )
        for y in (380, 580):
            d.rounded_rectangle(
                (s(cx - 16), s(y), s(cx + 16), s(y + 34)), radius=s(14), fill=(250, 240, 210)
            )
            d.line(pts([(cx, y), (cx, y + 34)]), fill=(70, 100, 60), width=round(s(3)))
        d.polygon(
            pts(
                [
                    (cx - 92, top + 10),
                    (cx + 92, top + 10),
                    (cx + 60, top - 60),
                    (cx, top - 92),
                    (cx - 60, top - 60),
                ]
            ),
            fill=(96, 110, 100),
        )
        d.polygon(
            pts(
                [(cx + 20, top + 10), (cx + 92, top + 10), (cx + 60, top - 60), (cx + 8, top - 88)]
            ),
            fill=(80, 92, 86),
        )
        # the four sails: a lattice in a frame on each arm, turned 20 degrees
        hub = (cx - 10, top - 10)
        for arm in range(4):
            a = math.radians(20 + arm * 90)
            ux, uy = math.cos(a), math.sin(a)

            def at(along: float, side: float, arm: tuple[float, float] = (ux, uy)) -> Point:
                """``along`` the arm from the hub and ``side`` across it, in pixels."""
                return hub[0] + arm[0] * along - arm[1] * side, hub[1] + arm[1] * along + arm[
                    0
                ] * side

            length, inner = 300, 60
            d.line(pts([hub, at(length + 10, 0)]), fill=(90, 62, 40), width=round(s(9)))
            frame = [at(inner, 6), at(length, 6), at(length, 62), at(inner, 62)]
            d.polygon(pts(frame), fill=(246, 240, 226))
            for k in range(0, 9):
                along = inner + (length - inner) * k / 8
                d.line(pts([at(along, 6), at(along, 62)]), fill=(110, 76, 50), width=round(s(3)))
            for side in (6, 34, 62):
                d.line(
                    pts([at(inner, side), at(length, side)]), fill=(110, 76, 50), width=round(s(3))
                )
        d.ellipse(
            (s(hub[0] - 18), s(hub[1] - 18), s(hub[0] + 18), s(hub[1] + 18)), fill=(70, 50, 36)
        )
    # a fence, a path and birds
    for x in range(40, 380, 34):
        d.rectangle((s(x), s(716), s(x + 6), s(752)), fill=(240, 236, 224))
    d.line(pts([(36, 726), (384, 726)]), fill=(240, 236, 224), width=round(s(4)))
    d.line(pts([(36, 742), (384, 742)]), fill=(240, 236, 224), width=round(s(4)))
    for x, y, span in ((930, 200, 40), (980, 230, 30), (260, 250, 34), (1100, 480, 26)):
        bird(d, x, y, span, (50, 60, 80))
    return image


#: File name (no extension) -> how it is drawn, and its seed.
PICTURES: dict[str, tuple[Callable[[random.Random, list[Drawn]], Image.Image], int]] = {
    "lighthouse": (lighthouse, 11),
    "balloon": (balloon, 12),
    "sailboat": (sailboat, 13),
    "windmill": (windmill, 14),
}


def draw_scene(name: str) -> tuple[Image.Image, tuple[Drawn, ...]]:
    """The picture ``name`` at twice its final size, and the things drawn in it with their
    boxes in final-picture pixels (raises KeyError: no such name)."""
    draw, seed = PICTURES[name]
    things: list[Drawn] = []
    big = draw(random.Random(seed), things)
    return big, tuple(things)


def render(name: str) -> Image.Image:
    """The picture ``name`` at its final size, in 256 colours (raises KeyError: no such name)."""
    big, _ = draw_scene(name)
    small = big.resize(SIZE, Image.Resampling.LANCZOS)
    return small.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder to write into")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for name in PICTURES:
        target = args.out / f"{name}.png"
        render(name).save(target, optimize=True)
        print(f"wrote {target} ({target.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
