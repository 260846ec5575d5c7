"""Draw the Union State pack's mystery maps from Natural Earth country borders.

Data: Natural Earth's Admin 0 countries at 1:50m (version 4.1.0, public domain), as
redistributed in TopoJSON by the npm package ``world-atlas`` 2.0.2 (ISC licence), file
``package/countries-50m.json`` inside the package tarball. The script reads that file
straight out of the tarball; nothing is installed and nothing is fetched when the game
runs. Without ``--atlas`` it obtains the tarball with the ordinary npm client::

    npm pack world-atlas@2.0.2 --pack-destination <temporary folder>

Maps are projected with an Albers equal-area conic projection (good for the wide east-west
extent of Europe and Russia), drawn with pygame at twice the final size and scaled down
smoothly for clean edges. They carry no labels: the answer must be found, not read.

Usage::

    python tools/make_maps.py [--atlas world-atlas-2.0.2.tgz] [--out assets/union_state]

Writes ``belarus.png`` (Europe with Belarus highlighted), ``kazakhstan.png`` (Central Asia
with Kazakhstan highlighted) and ``serbia.png`` (the Balkans with Serbia highlighted), each
1600x1200.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import subprocess
import sys
import tarfile
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ATLAS_PACKAGE = "world-atlas@2.0.2"
ATLAS_MEMBER = "package/countries-50m.json"
# sha1 of world-atlas-2.0.2.tgz as published (``npm view world-atlas@2.0.2 dist.shasum``).
ATLAS_SHA1 = "4bca4a578f3a413bd409c3f07f2054fe7375824f"
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "assets" / "union_state"
EARTH_RADIUS_KM = 6371.0
SUPERSAMPLE = 2

# ISO 3166-1 numeric codes, as used for ``id`` in world-atlas.
BELARUS = "112"
KAZAKHSTAN = "398"
SERBIA = "688"

Color = tuple[int, int, int]
LonLat = tuple[float, float]
Point = tuple[float, float]


@dataclass(frozen=True)
class Palette:
    """The colours of one map; bold so that a few uncovered tiles already say something."""

    sea_top: Color = (92, 156, 206)
    sea_bottom: Color = (58, 118, 178)
    coast_glow: Color = (150, 200, 232)
    graticule: Color = (132, 184, 224)
    land: Color = (236, 228, 206)
    land_alt: Color = (222, 212, 186)
    border: Color = (168, 156, 132)
    coast: Color = (70, 96, 120)
    highlight: Color = (214, 40, 57)
    accent: Color = (176, 18, 46)
    highlight_border: Color = (255, 236, 236)
    highlight_edge: Color = (120, 14, 28)


@dataclass(frozen=True)
class Albers:
    """Albers equal-area conic projection on a sphere (Snyder, Map Projections, p. 98)."""

    lon0: float
    lat0: float
    lat1: float
    lat2: float

    def project(self, lon: float, lat: float) -> Point:
        """Project degrees to plane coordinates in Earth radii (x east, y north)."""
        phi1, phi2 = math.radians(self.lat1), math.radians(self.lat2)
        n = (math.sin(phi1) + math.sin(phi2)) / 2
        c = math.cos(phi1) ** 2 + 2 * n * math.sin(phi1)
        rho0 = math.sqrt(c - 2 * n * math.sin(math.radians(self.lat0))) / n
        rho = math.sqrt(max(c - 2 * n * math.sin(math.radians(lat)), 0.0)) / n
        theta = n * math.radians(wrap_lon(lon - self.lon0))
        return rho * math.sin(theta), rho0 - rho * math.cos(theta)


@dataclass(frozen=True)
class MapSpec:
    """One map to draw: where it looks, how wide, and what it highlights."""

    filename: str
    projection: Albers
    center: LonLat
    width_km: float
    highlight: frozenset[str]
    accent: frozenset[str] = frozenset()  # highlighted countries drawn in the accent colour
    palette: Palette = field(default_factory=Palette)
    size: tuple[int, int] = (1600, 1200)


MAPS: tuple[MapSpec, ...] = (
    MapSpec(
        filename="belarus.png",
        projection=Albers(lon0=22.0, lat0=52.0, lat1=43.0, lat2=62.0),
        center=(22.0, 52.5),
        width_km=4300.0,
        highlight=frozenset({BELARUS}),
    ),
    MapSpec(
        filename="kazakhstan.png",
        projection=Albers(lon0=68.0, lat0=47.0, lat1=40.0, lat2=54.0),
        center=(67.0, 46.5),
        width_km=5200.0,
        highlight=frozenset({KAZAKHSTAN}),
    ),
    MapSpec(
        filename="serbia.png",
        projection=Albers(lon0=21.0, lat0=44.0, lat1=40.0, lat2=48.0),
        center=(20.8, 44.0),
        width_km=1500.0,
        highlight=frozenset({SERBIA}),
    ),
)


@dataclass(frozen=True)
class Country:
    """A country's outer rings (holes are dropped: enclaves are drawn on top) and its arcs."""

    id: str
    name: str
    rings: tuple[tuple[LonLat, ...], ...]
    arcs: tuple[int, ...]


@dataclass(frozen=True)
class Atlas:
    """Decoded TopoJSON: every arc as lon/lat points, and the countries that use them."""

    arcs: tuple[tuple[LonLat, ...], ...]
    countries: tuple[Country, ...]
    arc_use: Counter[int]


def wrap_lon(delta: float) -> float:
    """A longitude difference brought into [-180, 180)."""
    return (delta + 180.0) % 360.0 - 180.0


def fetch_atlas(folder: Path) -> Path:
    """Run ``npm pack`` for :data:`ATLAS_PACKAGE` into ``folder`` and return the tarball."""
    subprocess.run(
        ["npm", "pack", ATLAS_PACKAGE, "--pack-destination", str(folder), "--loglevel=warn"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    tarballs = sorted(folder.glob("world-atlas-*.tgz"))
    if not tarballs:
        raise SystemExit(f"npm pack {ATLAS_PACKAGE} produced no tarball in {folder}")
    return tarballs[-1]


def read_topology(tarball: Path, member: str = ATLAS_MEMBER) -> dict[str, Any]:
    """The TopoJSON document ``member`` read straight out of an npm tarball."""
    digest = hashlib.sha1(tarball.read_bytes()).hexdigest()
    if digest != ATLAS_SHA1:
        print(f"warning: {tarball} has sha1 {digest}, expected {ATLAS_SHA1}", file=sys.stderr)
    with tarfile.open(tarball, "r:gz") as archive:
        handle = archive.extractfile(member)
        if handle is None:
            raise SystemExit(f"{tarball}: {member} is not a file")
        return json.load(handle)


def decode_atlas(topology: dict[str, Any]) -> Atlas:
    """Turn quantized, delta-encoded TopoJSON arcs and country geometries into lon/lat."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs: list[tuple[LonLat, ...]] = []
    for arc in topology["arcs"]:
        x = y = 0
        points: list[LonLat] = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(tuple(points))

    def ring_points(indexes: Sequence[int]) -> tuple[LonLat, ...]:
        points: list[LonLat] = []
        for index in indexes:
            arc = arcs[index] if index >= 0 else arcs[~index][::-1]
            points.extend(arc if not points else arc[1:])
        return tuple(points)

    countries: list[Country] = []
    arc_use: Counter[int] = Counter()
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry["type"] == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        used = {
            index if index >= 0 else ~index for poly in polygons for ring in poly for index in ring
        }
        arc_use.update(used)
        countries.append(
            Country(
                id=str(geometry.get("id", "")),
                name=geometry.get("properties", {}).get("name", ""),
                rings=tuple(ring_points(poly[0]) for poly in polygons),
                arcs=tuple(sorted(used)),
            )
        )
    return Atlas(arcs=tuple(arcs), countries=tuple(countries), arc_use=arc_use)


class Canvas:
    """Maps lon/lat to pixels of one (supersampled) map image."""

    def __init__(self, spec: MapSpec, scale: int) -> None:
        self.spec = spec
        self.width, self.height = spec.size[0] * scale, spec.size[1] * scale
        self.cx, self.cy = spec.projection.project(*spec.center)
        self.k = self.width / (spec.width_km / EARTH_RADIUS_KM)
        self.lon0 = spec.projection.lon0

    def to_pixel(self, lon: float, lat: float) -> Point:
        x, y = self.spec.projection.project(lon, lat)
        return self.width / 2 + (x - self.cx) * self.k, self.height / 2 - (y - self.cy) * self.k

    def pieces(self, points: Iterable[LonLat]) -> Iterator[list[Point]]:
        """Projected runs of ``points``, split where they cross the projection's seam."""
        run: list[Point] = []
        previous: float | None = None
        for lon, lat in points:
            rel = wrap_lon(lon - self.lon0)
            if previous is not None and abs(rel - previous) > 180:
                if len(run) > 1:
                    yield run
                run = []
            run.append(self.to_pixel(lon, lat))
            previous = rel
        if len(run) > 1:
            yield run

    def ring(self, points: Sequence[LonLat]) -> list[Point] | None:
        """A projected ring to fill, or ``None`` if it crosses the seam or is off the map."""
        rels = [wrap_lon(lon - self.lon0) for lon, _ in points]
        if max(rels) - min(rels) > 270:
            return None
        projected = [self.to_pixel(lon, lat) for lon, lat in points]
        xs = [p[0] for p in projected]
        ys = [p[1] for p in projected]
        margin = 50
        if max(xs) < -margin or min(xs) > self.width + margin:
            return None
        if max(ys) < -margin or min(ys) > self.height + margin:
            return None
        return projected


def polygon_area(points: Sequence[Point]) -> float:
    """Absolute area of a simple polygon (shoelace formula)."""
    total = 0.0
    for (x1, y1), (x2, y2) in zip(points, [*points[1:], points[0]], strict=True):
        total += x1 * y2 - x2 * y1
    return abs(total) / 2


def mix(a: Color, b: Color, t: float) -> Color:
    """Linear blend of two colours, ``t`` = 0 gives ``a``."""
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


def render_map(spec: MapSpec, atlas: Atlas) -> Any:
    """Draw one map and return it as a pygame Surface of ``spec.size``."""
    import pygame  # noqa: PLC0415 - pygame is only needed when a map is actually drawn

    canvas = Canvas(spec, SUPERSAMPLE)
    palette = spec.palette
    size = (canvas.width, canvas.height)
    s = SUPERSAMPLE
    surface = pygame.Surface(size)

    # Sea: a gentle vertical gradient.
    for row in range(canvas.height):
        colour = mix(palette.sea_top, palette.sea_bottom, row / (canvas.height - 1))
        pygame.draw.line(surface, colour, (0, row), (canvas.width, row))

    # Graticule every 10 degrees, faint, under the land.
    for lon in range(-180, 180, 10):
        for piece in canvas.pieces([(lon, lat / 2) for lat in range(-160, 171)]):
            pygame.draw.aalines(surface, palette.graticule, False, piece)
    for lat in range(-80, 90, 10):
        for piece in canvas.pieces([(lon / 2, lat) for lon in range(-360, 361)]):
            pygame.draw.aalines(surface, palette.graticule, False, piece)

    # Countries, largest first so that enclaves stay visible on top of their hosts.
    shapes: list[tuple[float, Country, list[Point]]] = []
    for country in atlas.countries:
        for ring in country.rings:
            projected = canvas.ring(ring)
            if projected is not None and len(projected) >= 3:
                shapes.append((polygon_area(projected), country, projected))
    shapes.sort(key=lambda item: item[0], reverse=True)

    # A soft light halo along every coast.
    mask = pygame.Surface(size, pygame.SRCALPHA)
    mask.fill((*palette.coast_glow, 0))  # transparent but the same colour: no dark fringe
    for _, _, points in shapes:
        pygame.draw.polygon(mask, (*palette.coast_glow, 255), points)
    glow = pygame.transform.gaussian_blur(mask, 14 * s)
    surface.blit(glow, (0, 0))

    # Land, each country a little different so that neighbours read apart.
    highlighted: list[tuple[Color, list[Point]]] = []
    for _, country, points in shapes:
        if country.id in spec.highlight:
            accent = country.id in spec.accent
            highlighted.append((palette.accent if accent else palette.highlight, points))
            continue
        shade = (int(country.id or 0) * 37 % 100) / 100 if country.id.isdigit() else 0.5
        pygame.draw.polygon(surface, mix(palette.land, palette.land_alt, shade), points)

    # Borders between countries, then coastlines.
    for index, count in atlas.arc_use.items():
        colour = palette.border if count > 1 else palette.coast
        width = 2 * s if count > 1 else round(1.5 * s)
        for piece in canvas.pieces(atlas.arcs[index]):
            pygame.draw.lines(surface, colour, False, piece, width)

    # The highlighted countries: shadow, fill, and a strong outline.
    shadow = pygame.Surface(size, pygame.SRCALPHA)
    for _, points in highlighted:
        pygame.draw.polygon(shadow, (20, 10, 10, 150), [(x + 4 * s, y + 6 * s) for x, y in points])
    surface.blit(pygame.transform.gaussian_blur(shadow, 6 * s), (0, 0))
    for colour, points in highlighted:
        pygame.draw.polygon(surface, colour, points)
        pygame.draw.lines(surface, palette.highlight_edge, True, points, 3 * s)
    # Shared borders between two highlighted countries in a light colour so both show.
    highlight_arcs = Counter(
        index
        for country in atlas.countries
        if country.id in spec.highlight
        for index in country.arcs
    )
    for index, count in highlight_arcs.items():
        if count > 1:
            for piece in canvas.pieces(atlas.arcs[index]):
                pygame.draw.lines(surface, palette.highlight_border, False, piece, 4 * s)

    return pygame.transform.smoothscale(surface, spec.size)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--atlas", type=Path, help=f"tarball from `npm pack {ATLAS_PACKAGE}`")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    args = parser.parse_args(argv)

    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame  # noqa: PLC0415

    with tempfile.TemporaryDirectory() as tmp:
        tarball = args.atlas or fetch_atlas(Path(tmp))
        atlas = decode_atlas(read_topology(tarball))
    args.out.mkdir(parents=True, exist_ok=True)
    for spec in MAPS:
        target = args.out / spec.filename
        pygame.image.save(render_map(spec, atlas), str(target))
        print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
