"""Draw the Solar System pack's mystery image: Saturn and its rings, procedurally.

Nothing is read from outside: the planet is ray-cast pixel by pixel in pure Python (a
sphere lit by a distant Sun, pale bands by latitude, limb darkening, the rings' shadow
on the planet and the planet's shadow on the rings) and composed with pygame over a
seeded random star field. The same seed gives the same picture.

Usage::

    python tools/make_solar_system.py [--out assets/solar_system/saturn.png] [--seed 7]
"""

from __future__ import annotations

import argparse
import math
import os
import random
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DEFAULT_OUT = Path(__file__).resolve().parent.parent / "assets" / "solar_system" / "saturn.png"
SIZE = (1600, 1200)

Color = tuple[float, float, float]
Vec = tuple[float, float, float]


@dataclass(frozen=True)
class Scene:
    """Where Saturn sits, how it is tilted and where the light comes from."""

    center: tuple[float, float] = (800.0, 610.0)
    radius: float = 255.0  # equatorial radius in pixels
    flattening: float = 0.9  # polar / equatorial radius: Saturn is visibly oblate
    ring_opening_deg: float = 24.0  # how far the ring plane is tipped towards us
    roll_deg: float = -17.0  # rotation of the whole planet on the picture
    light: Vec = (-0.5, -0.38, 0.78)  # towards the Sun: left, a little up, in front


# Ring profile: (inner radius, outer radius, opacity, colour) in equatorial radii.
RINGS: tuple[tuple[float, float, float, Color], ...] = (
    (1.24, 1.53, 0.22, (150, 135, 115)),  # C ring: faint, greyish
    (1.53, 1.72, 0.88, (222, 202, 165)),  # B ring, inner part
    (1.72, 1.95, 0.95, (236, 218, 180)),  # B ring, outer part: the brightest
    (1.95, 2.03, 0.10, (120, 105, 90)),  # Cassini division
    (2.03, 2.20, 0.75, (214, 198, 166)),  # A ring
    (2.20, 2.215, 0.15, (140, 125, 105)),  # Encke gap
    (2.215, 2.27, 0.7, (206, 190, 160)),  # A ring, outer edge
)
RING_EDGE = 0.006  # softening of ring boundaries, in equatorial radii

# Band colours from south pole to north pole (latitude -90..90 in 12 steps).
BANDS: tuple[Color, ...] = (
    (170, 160, 130),
    (196, 172, 120),
    (214, 186, 132),
    (228, 204, 150),
    (206, 170, 112),
    (236, 214, 164),
    (242, 222, 172),
    (214, 180, 122),
    (232, 208, 156),
    (210, 184, 136),
    (176, 170, 150),
    (150, 160, 165),
    (140, 156, 168),
)


def normalize(v: Vec) -> Vec:
    length = math.sqrt(v[0] ** 2 + v[1] ** 2 + v[2] ** 2)
    return v[0] / length, v[1] / length, v[2] / length


def dot(a: Vec, b: Vec) -> float:
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]


def lerp(a: Color, b: Color, t: float) -> Color:
    return a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t


def smoothstep(edge0: float, edge1: float, x: float) -> float:
    t = min(max((x - edge0) / (edge1 - edge0), 0.0), 1.0)
    return t * t * (3 - 2 * t)


def ring_at(r: float) -> tuple[float, Color]:
    """Opacity and colour of the rings at distance ``r`` (in equatorial radii)."""
    for inner, outer, opacity, colour in RINGS:
        if inner - RING_EDGE <= r <= outer + RING_EDGE:
            fade = smoothstep(inner - RING_EDGE, inner + RING_EDGE, r) * (
                1 - smoothstep(outer - RING_EDGE, outer + RING_EDGE, r)
            )
            # Fine ringlets: a gentle ripple in brightness.
            ripple = 0.9 + 0.1 * math.sin(r * 260) * math.sin(r * 97)
            return opacity * fade * ripple, colour
    return 0.0, (0.0, 0.0, 0.0)


def band_colour(latitude: float) -> Color:
    """Planet colour at ``latitude`` (radians): smooth bands with faint fine striping."""
    t = (latitude / math.pi + 0.5) * (len(BANDS) - 1)
    i = min(int(t), len(BANDS) - 2)
    base = lerp(BANDS[i], BANDS[i + 1], smoothstep(0, 1, t - i))
    fine = math.cos(latitude)  # fine striping fades towards the poles
    stripe = 1 + fine * (0.035 * math.sin(latitude * 47) + 0.02 * math.sin(latitude * 113))
    return base[0] * stripe, base[1] * stripe, base[2] * stripe


def render_saturn(scene: Scene) -> tuple[bytearray, tuple[int, int, int, int]]:
    """Ray-cast Saturn; returns RGBA bytes and the box (x, y, w, h) they cover."""
    cx, cy = scene.center
    big_r = scene.radius
    tilt = math.radians(scene.ring_opening_deg)
    roll = math.radians(scene.roll_deg)
    cos_roll, sin_roll = math.cos(roll), math.sin(roll)
    # Screen axes: x right, y down, z towards the viewer. Spin axis (north) tipped to us.
    axis: Vec = (0.0, -math.cos(tilt), math.sin(tilt))
    light = normalize(scene.light)
    light_axis = dot(light, axis)
    outer = RINGS[-1][1] + RING_EDGE

    half_w = outer * big_r + 4
    half_h = outer * big_r * math.sin(tilt) + big_r + 4
    box_w = int(2 * (abs(half_w * cos_roll) + abs(half_h * sin_roll)))
    box_h = int(2 * (abs(half_w * sin_roll) + abs(half_h * cos_roll)))
    x0, y0 = int(cx - box_w / 2), int(cy - box_h / 2)
    pixels = bytearray(box_w * box_h * 4)

    for py in range(box_h):
        for px in range(box_w):
            # Undo the roll: back to a frame where the ring plane's line of nodes is horizontal.
            sx = x0 + px + 0.5 - cx
            sy = y0 + py + 0.5 - cy
            x = (sx * cos_roll + sy * sin_roll) / big_r
            y = (-sx * sin_roll + sy * cos_roll) / big_r

            # Rings: the ring plane point seen at this pixel.
            ring_alpha, ring_rgb, ring_depth = 0.0, (0.0, 0.0, 0.0), 0.0
            ring_z = y / math.sin(tilt)
            ring_r = math.hypot(x, ring_z)
            if ring_r < outer:
                ring_alpha, ring_rgb = ring_at(ring_r)
                if ring_alpha > 0:
                    point: Vec = (x, ring_z * math.sin(tilt), ring_z * math.cos(tilt))
                    ring_depth = point[2]
                    # The planet's shadow on the rings.
                    b = dot(point, light)
                    disc = b * b - (dot(point, point) - 1)
                    lit = 0.2 if disc > 0 and -b + math.sqrt(disc) > 0 else 1.0
                    # Rings are lit on the face turned to the Sun; a little light scatters.
                    shade = lit * (0.7 + 0.45 * abs(light_axis))
                    ring_rgb = (ring_rgb[0] * shade, ring_rgb[1] * shade, ring_rgb[2] * shade)

            # Planet: an oblate sphere, squashed along the screen's vertical.
            py_s = y / scene.flattening
            d2 = x * x + py_s * py_s
            planet_cover = min(max((1 - math.sqrt(d2)) * big_r + 0.5, 0.0), 1.0)
            planet_rgb: Color = (0.0, 0.0, 0.0)
            planet_depth = -2.0
            if planet_cover > 0:
                z = math.sqrt(max(1 - d2, 0.0))
                normal: Vec = (x, py_s, z)
                planet_depth = z
                latitude = math.asin(max(-1.0, min(1.0, dot(normal, axis))))
                colour = band_colour(latitude)
                diffuse = max(dot(normal, light), 0.0)
                limb = 0.55 + 0.45 * z
                brightness = 0.04 + 1.05 * diffuse * limb
                # The rings' shadow on the planet.
                if light_axis != 0:
                    t = -dot(normal, axis) / light_axis
                    if t > 0:
                        hit: Vec = (
                            normal[0] + t * light[0],
                            normal[1] + t * light[1],
                            normal[2] + t * light[2],
                        )
                        shadow_alpha, _ = ring_at(math.sqrt(dot(hit, hit)))
                        brightness *= 1 - 0.75 * shadow_alpha
                planet_rgb = (
                    colour[0] * brightness,
                    colour[1] * brightness,
                    colour[2] * brightness,
                )

            # Compose: rings behind the planet, the planet, rings in front of it.
            rgb: Color = (0.0, 0.0, 0.0)
            alpha = 0.0
            in_front = ring_depth > planet_depth or planet_cover == 0
            layers = []
            if ring_alpha > 0 and not in_front:
                layers.append((ring_rgb, ring_alpha))
            if planet_cover > 0:
                layers.append((planet_rgb, planet_cover))
            if ring_alpha > 0 and in_front:
                layers.append((ring_rgb, ring_alpha))
            for layer_rgb, layer_alpha in layers:
                # "Over" with premultiplied accumulation.
                rgb = (
                    layer_rgb[0] * layer_alpha + rgb[0] * (1 - layer_alpha),
                    layer_rgb[1] * layer_alpha + rgb[1] * (1 - layer_alpha),
                    layer_rgb[2] * layer_alpha + rgb[2] * (1 - layer_alpha),
                )
                alpha = layer_alpha + alpha * (1 - layer_alpha)
            if alpha > 0:
                offset = (py * box_w + px) * 4
                pixels[offset] = min(int(rgb[0] / alpha), 255)
                pixels[offset + 1] = min(int(rgb[1] / alpha), 255)
                pixels[offset + 2] = min(int(rgb[2] / alpha), 255)
                pixels[offset + 3] = min(int(alpha * 255), 255)
    return pixels, (x0, y0, box_w, box_h)


def draw_sky(pygame: Any, rng: random.Random) -> Any:
    """Deep-blue space with a faint nebula and a few hundred stars."""
    sky = pygame.Surface(SIZE)
    width, height = SIZE
    for row in range(height):
        t = row / (height - 1)
        sky.fill((int(14 - 9 * t), int(16 - 10 * t), int(40 - 26 * t)), (0, row, width, 1))
    haze = pygame.Surface(SIZE, pygame.SRCALPHA)
    haze.fill((0, 0, 0, 0))
    for colour, centre, radius in (
        ((70, 40, 120, 70), (260, 240), 260),
        ((30, 70, 140, 60), (1380, 980), 300),
        ((90, 40, 90, 40), (1300, 200), 200),
    ):
        pygame.draw.circle(haze, colour, centre, radius)
    sky.blit(pygame.transform.gaussian_blur(haze, 120), (0, 0))
    for _ in range(650):
        x, y = rng.randrange(width), rng.randrange(height)
        level = rng.choice((90, 120, 150, 190, 230))
        tint = rng.choice(((1.0, 1.0, 1.0), (0.85, 0.9, 1.0), (1.0, 0.92, 0.8)))
        colour = tuple(int(level * c) for c in tint)
        sky.set_at((x, y), colour)
    for _ in range(28):
        x, y = rng.randrange(width), rng.randrange(height)
        glow = pygame.Surface((24, 24), pygame.SRCALPHA)
        pygame.draw.circle(glow, (200, 215, 255, 90), (12, 12), 5)
        glow = pygame.transform.gaussian_blur(glow, 3)
        sky.blit(glow, (x - 12, y - 12))
        pygame.draw.circle(sky, (255, 255, 250), (x, y), 1)
    return sky


def draw_moon(pygame: Any, surface: Any, centre: tuple[int, int], radius: int) -> None:
    """A small hazy orange moon (Titan-like), lit from the same side as Saturn."""
    moon = pygame.Surface((radius * 4, radius * 4), pygame.SRCALPHA)
    c = radius * 2
    for step in range(radius, 0, -1):
        t = step / radius
        colour = (int(120 + 110 * (1 - t)), int(80 + 80 * (1 - t)), int(30 + 40 * (1 - t)))
        offset = int((1 - t) * radius * 0.45)
        pygame.draw.circle(moon, colour, (c - offset, c - offset // 2), step)
    mask = pygame.Surface(moon.get_size(), pygame.SRCALPHA)
    pygame.draw.circle(mask, (255, 255, 255, 255), (c, c), radius)
    moon.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MIN)
    surface.blit(moon, (centre[0] - c, centre[1] - c))


def render(seed: int) -> Any:
    """The finished picture as a pygame Surface of :data:`SIZE`."""
    import pygame  # noqa: PLC0415 - only needed when a picture is drawn

    rng = random.Random(seed)
    picture = draw_sky(pygame, rng)
    draw_moon(pygame, picture, (1330, 260), 17)
    pixels, (x0, y0, w, h) = render_saturn(Scene())
    planet = pygame.image.frombytes(bytes(pixels), (w, h), "RGBA")
    picture.blit(planet, (x0, y0))
    return picture


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="PNG to write")
    parser.add_argument("--seed", type=int, default=7, help="seed for the star field")
    args = parser.parse_args(argv)

    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame  # noqa: PLC0415

    args.out.parent.mkdir(parents=True, exist_ok=True)
    pygame.image.save(render(args.seed), str(args.out))
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
