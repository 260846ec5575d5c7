"""The key hints drawn along the bottom of a menu screen, so the keyboard is never a guess.

Hints come as declared (:data:`~clarity.ui.bindings.KeyHint`: English labels) and are
measured and drawn in the language of ``assets.translator``, so every screen's hints
follow the language as it changes, whoever made them.
"""

from __future__ import annotations

from collections.abc import Sequence

import pygame

from clarity.ui.assets import Assets
from clarity.ui.bindings import KeyHint, hint_in
from clarity.ui.theme import Metrics


def _hint_pieces(
    hint: KeyHint, assets: Assets, metrics: Metrics
) -> tuple[pygame.Surface, pygame.Surface, int]:
    """The key's text, the label's text and the width of the whole hint."""
    key, label = hint_in(hint, assets.translator)
    palette = assets.look.palette
    key_text = assets.text(key, metrics.small_size, palette.text, bold=True)
    label_text = assets.text(label, metrics.small_size, palette.text_muted)
    width = key_text.get_width() + metrics.px(0.8) + metrics.px(0.6) + label_text.get_width()
    return key_text, label_text, width


def key_hints_height(hints: Sequence[KeyHint], assets: Assets, metrics: Metrics, width: int) -> int:
    """The height the hints take when laid out in rows no wider than ``width``."""
    return len(_rows(hints, assets, metrics, width)) * _row_height(assets, metrics)


def _row_height(assets: Assets, metrics: Metrics) -> int:
    return assets.font(metrics.small_size, True).get_linesize() + metrics.px(0.9)


def _rows(
    hints: Sequence[KeyHint], assets: Assets, metrics: Metrics, width: int
) -> list[list[KeyHint]]:
    """Hints flowed into as few centred rows as fit ``width`` (a 4:3 projector needs two)."""
    spacing = metrics.px(2.2)
    rows: list[list[KeyHint]] = [[]]
    used = 0
    for hint in hints:
        hint_width = _hint_pieces(hint, assets, metrics)[2]
        needed = hint_width if not rows[-1] else used + spacing + hint_width
        if rows[-1] and needed > width:
            rows.append([hint])
            used = hint_width
        else:
            rows[-1].append(hint)
            used = needed
    return [row for row in rows if row]


def draw_key_hints(
    surface: pygame.Surface,
    hints: Sequence[KeyHint],
    assets: Assets,
    metrics: Metrics,
    area: pygame.Rect,
) -> None:
    """Draw ``hints`` centred in ``area``, as key caps followed by what they do."""
    rows = _rows(hints, assets, metrics, area.width)
    row_height = _row_height(assets, metrics)
    spacing = metrics.px(2.2)
    palette = assets.look.palette
    y = area.centery - len(rows) * row_height // 2
    for row in rows:
        pieces = [_hint_pieces(hint, assets, metrics) for hint in row]
        total = sum(p[2] for p in pieces) + spacing * (len(pieces) - 1)
        x = area.centerx - total // 2
        cy = y + row_height // 2
        for key_text, label_text, width in pieces:
            cap = key_text.get_rect()
            cap.inflate_ip(metrics.px(0.8), metrics.px(0.35))
            cap.midleft = (x, cy)
            pygame.draw.rect(surface, palette.keycap, cap, border_radius=metrics.px(0.4))
            pygame.draw.rect(
                surface,
                palette.panel_edge,
                cap,
                width=max(1, metrics.px(0.12)),
                border_radius=metrics.px(0.4),
            )
            surface.blit(key_text, key_text.get_rect(center=cap.center))
            surface.blit(
                label_text,
                label_text.get_rect(midleft=(cap.right + metrics.px(0.6), cy)),
            )
            x += width + spacing
        y += row_height
