"""ICC colour profiles written byte by byte, and the colour arithmetic to check them by.

Pillow can only make sRGB, Lab and XYZ profiles; the pictures teachers bring carry
others: Display P3 (iPhones), Adobe RGB (cameras), a greyscale scanner's, a printer's
CMYK. These are made here from their published primaries (ICC.1:2001-04, version 2
profiles), and what a picture in one of them should look like in sRGB is computed here
too, by matrix arithmetic independent of littlecms, so a test can say which sRGB colour
a stored value means.
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Sequence

Vector = tuple[float, float, float]
Matrix = tuple[Vector, Vector, Vector]

D50: Vector = (0.9642, 1.0, 0.8249)  # the ICC profile connection space's white
D65_XY = (0.3127, 0.3290)
# red, green and blue primaries (CIE xy) and their white, D65 for all three
SRGB_PRIMARIES = ((0.64, 0.33), (0.30, 0.60), (0.15, 0.06))
DISPLAY_P3_PRIMARIES = ((0.680, 0.320), (0.265, 0.690), (0.150, 0.060))
ADOBE_RGB_PRIMARIES = ((0.64, 0.33), (0.21, 0.71), (0.15, 0.06))
ADOBE_RGB_GAMMA = 563 / 256  # 2.19921875, as Adobe's own profile stores it

_BRADFORD: Matrix = (
    (0.8951, 0.2664, -0.1614),
    (-0.7502, 1.7135, 0.0367),
    (0.0389, -0.0685, 1.0296),
)


# -- colour arithmetic -----------------------------------------------------------------------


def _mul(m: Matrix, v: Sequence[float]) -> Vector:
    x, y, z = (sum(m[row][k] * v[k] for k in range(3)) for row in range(3))
    return x, y, z


def _matmul(a: Matrix, b: Matrix) -> Matrix:
    rows = [tuple(sum(a[i][k] * b[k][j] for k in range(3)) for j in range(3)) for i in range(3)]
    return rows[0], rows[1], rows[2]  # type: ignore[return-value]


def _inverse(m: Matrix) -> Matrix:
    (a, b, c), (d, e, f), (g, h, i) = m
    det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g)
    return (
        ((e * i - f * h) / det, (c * h - b * i) / det, (b * f - c * e) / det),
        ((f * g - d * i) / det, (a * i - c * g) / det, (c * d - a * f) / det),
        ((d * h - e * g) / det, (b * g - a * h) / det, (a * e - b * d) / det),
    )


def _xyz(xy: tuple[float, float]) -> Vector:
    x, y = xy
    return x / y, 1.0, (1 - x - y) / y


def colorants(primaries: Sequence[tuple[float, float]]) -> Matrix:
    """The matrix from linear RGB (0-1) to XYZ under D50, the primaries' D65 white
    adapted by Bradford, as a version 2 matrix profile stores it (columns: red, green,
    blue)."""
    columns = [_xyz(xy) for xy in primaries]
    raw: Matrix = tuple(tuple(col[row] for col in columns) for row in range(3))  # type: ignore[assignment]
    scale = _mul(_inverse(raw), _xyz(D65_XY))
    d65_matrix: Matrix = tuple(  # type: ignore[assignment]
        tuple(raw[row][col] * scale[col] for col in range(3)) for row in range(3)
    )
    cone_source = _mul(_BRADFORD, _xyz(D65_XY))
    cone_target = _mul(_BRADFORD, D50)
    gain: Matrix = tuple(  # type: ignore[assignment]
        tuple(cone_target[i] / cone_source[i] if i == j else 0.0 for j in range(3))
        for i in range(3)
    )
    adapt = _matmul(_inverse(_BRADFORD), _matmul(gain, _BRADFORD))
    return _matmul(adapt, d65_matrix)


def srgb_decode(value: float) -> float:
    """sRGB's transfer curve (IEC 61966-2-1): an encoded 0-1 value to linear light."""
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def srgb_encode(value: float) -> float:
    value = min(1.0, max(0.0, value))
    return value * 12.92 if value <= 0.0031308 else 1.055 * value ** (1 / 2.4) - 0.055


def gamma_decode(gamma: float) -> Callable[[float], float]:
    return lambda value: value**gamma


def gamma_encode(gamma: float) -> Callable[[float], float]:
    return lambda value: min(1.0, max(0.0, value)) ** (1 / gamma)


def convert(
    rgb: Sequence[int],
    source: tuple[Matrix, Callable[[float], float]],
    target: tuple[Matrix, Callable[[float], float]],
) -> tuple[int, int, int]:
    """An 8-bit colour in ``source`` (colorants, decoding curve) expressed in ``target``
    (colorants, encoding curve), through XYZ: what a colour-managed viewer shows."""
    source_matrix, decode = source
    target_matrix, encode = target
    linear = [decode(channel / 255) for channel in rgb]
    out = _mul(_inverse(target_matrix), _mul(source_matrix, linear))
    red, green, blue = (round(255 * encode(channel)) for channel in out)
    return red, green, blue


SRGB_IN = (colorants(SRGB_PRIMARIES), srgb_decode)
SRGB_OUT = (colorants(SRGB_PRIMARIES), srgb_encode)
P3_IN = (colorants(DISPLAY_P3_PRIMARIES), srgb_decode)  # Display P3 uses sRGB's curve
P3_OUT = (colorants(DISPLAY_P3_PRIMARIES), srgb_encode)
ADOBE_IN = (colorants(ADOBE_RGB_PRIMARIES), gamma_decode(ADOBE_RGB_GAMMA))
ADOBE_OUT = (colorants(ADOBE_RGB_PRIMARIES), gamma_encode(ADOBE_RGB_GAMMA))


def xyz_of_srgb(rgb: Sequence[int]) -> Vector:
    """The D50 XYZ of an 8-bit sRGB colour."""
    return _mul(SRGB_IN[0], [srgb_decode(channel / 255) for channel in rgb])


# -- profiles --------------------------------------------------------------------------------


def _s15(value: float) -> bytes:
    return struct.pack(">i", round(value * 65536))


def _xyz_tag(xyz: Sequence[float]) -> bytes:
    return b"XYZ \0\0\0\0" + b"".join(_s15(v) for v in xyz)


def _desc_tag(text: str) -> bytes:
    ascii_text = text.encode("ascii") + b"\0"
    return (
        b"desc\0\0\0\0"
        + struct.pack(">I", len(ascii_text))
        + ascii_text
        + struct.pack(">II", 0, 0)  # no Unicode description
        + struct.pack(">HB", 0, 0)  # no ScriptCode description
        + b"\0" * 67
    )


def _gamma_tag(gamma: float) -> bytes:
    if gamma == 1.0:
        return b"curv\0\0\0\0" + struct.pack(">I", 0)  # no entries: identity
    return b"curv\0\0\0\0" + struct.pack(">IH", 1, round(gamma * 256)) + b"\0\0"


def _srgb_curve_tag() -> bytes:
    # parametric curve type 3: (a*X + b)^g above d, c*X below
    params = (2.4, 1 / 1.055, 0.055 / 1.055, 1 / 12.92, 0.04045)
    return b"para\0\0\0\0" + struct.pack(">HH", 3, 0) + b"".join(_s15(p) for p in params)


def _profile(device_class: bytes, space: bytes, tags: list[tuple[bytes, bytes]]) -> bytes:
    table_size = 4 + 12 * len(tags)
    offset = 128 + table_size
    entries, data = [], b""
    for signature, body in tags:
        padded = body + b"\0" * (-len(body) % 4)
        entries.append(struct.pack(">4sII", signature, offset + len(data), len(body)))
        data += padded
    size = offset + len(data)
    header = (
        struct.pack(">I", size)
        + b"\0\0\0\0"  # preferred colour management module: none
        + struct.pack(">I", 0x02100000)  # version 2.1
        + device_class
        + space
        + b"XYZ "
        + b"\0" * 12  # date
        + b"acsp"
        + b"\0" * 24  # platform, flags, maker, model, attributes
        + struct.pack(">I", 0)  # perceptual intent
        + b"".join(_s15(v) for v in D50)
        + b"\0" * 4  # creator
        + b"\0" * 44  # profile ID and reserved
    )
    assert len(header) == 128
    return header + struct.pack(">I", len(tags)) + b"".join(entries) + data


def rgb_profile(name: str, primaries: Sequence[tuple[float, float]], gamma: float | None) -> bytes:
    """A monitor's RGB matrix profile: the primaries, and sRGB's curve (``gamma`` None)
    or a pure ``gamma``."""
    matrix = colorants(primaries)
    curve = _srgb_curve_tag() if gamma is None else _gamma_tag(gamma)
    return _profile(
        b"mntr",
        b"RGB ",
        [
            (b"desc", _desc_tag(name)),
            (b"wtpt", _xyz_tag(D50)),
            (b"rXYZ", _xyz_tag([row[0] for row in matrix])),
            (b"gXYZ", _xyz_tag([row[1] for row in matrix])),
            (b"bXYZ", _xyz_tag([row[2] for row in matrix])),
            (b"rTRC", curve),
            (b"gTRC", curve),
            (b"bTRC", curve),
        ],
    )


def display_p3() -> bytes:
    return rgb_profile("Display P3 (test)", DISPLAY_P3_PRIMARIES, None)


def adobe_rgb() -> bytes:
    return rgb_profile("Adobe RGB (1998) (test)", ADOBE_RGB_PRIMARIES, ADOBE_RGB_GAMMA)


def grey_profile(gamma: float) -> bytes:
    """A greyscale profile whose stored values are light to the power ``gamma``."""
    return _profile(
        b"mntr",
        b"GRAY",
        [
            (b"desc", _desc_tag(f"Grey, gamma {gamma} (test)")),
            (b"wtpt", _xyz_tag(D50)),
            (b"kTRC", _gamma_tag(gamma)),
        ],
    )


def cmyk_profile(inks: dict[str, tuple[int, int, int]]) -> bytes:
    """A printer's CMYK profile (a lut16 from ink to XYZ, two grid points an ink): each
    of ``inks`` ("C", "M", "Y", "K") alone on white paper prints its sRGB colour, and
    inks together filter the light in turn."""
    names = "CMYK"
    filters = {name: [srgb_decode(channel / 255) for channel in inks[name]] for name in names}
    clut = b""
    for corner in range(16):  # the first ink varies slowest
        light = [1.0, 1.0, 1.0]
        for bit, name in enumerate(names):
            if corner >> (3 - bit) & 1:
                light = [a * b for a, b in zip(light, filters[name], strict=True)]
        xyz = _mul(SRGB_IN[0], light)
        clut += struct.pack(">3H", *(min(0xFFFF, round(v * 32768)) for v in xyz))
    identity = (1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0)
    linear = struct.pack(">2H", 0, 0xFFFF)
    lut = (
        b"mft2\0\0\0\0"
        + struct.pack(">BBBB", 4, 3, 2, 0)
        + b"".join(_s15(v) for v in identity)
        + struct.pack(">HH", 2, 2)
        + linear * 4
        + clut
        + linear * 3
    )
    return _profile(
        b"prtr",
        b"CMYK",
        [(b"desc", _desc_tag("Press (test)")), (b"wtpt", _xyz_tag(D50)), (b"A2B0", lut)],
    )
