"""M turns the sound off or on on any screen, and the screen says so."""

from __future__ import annotations

import pygame

from clarity.ui.notice import NOTICE_SECONDS

from .conftest import Pilot


def test_m_mutes_with_a_notice_that_is_drawn_then_goes(pilot: Pilot) -> None:
    pilot.app.screens.push("title")
    pilot.step(5)
    before = pilot.app.surface.copy()
    pilot.key(pygame.K_m)
    assert pilot.app.services.sound.muted
    assert pilot.app.notice.text == "Sound off"
    area = pygame.Rect(pilot.app.size[0] // 2 - 40, 0, 80, pilot.app.size[1] // 4)
    changed = any(
        pilot.app.surface.get_at((x, y)) != before.get_at((x, y))
        for x in range(area.left, area.right, 4)
        for y in range(area.top, area.bottom, 4)
    )
    assert changed  # the still title screen shows the notice
    pilot.step(round(NOTICE_SECONDS * 60) + 2)
    assert not pilot.app.notice.showing
    pilot.key(pygame.K_m)
    assert not pilot.app.services.sound.muted
    assert pilot.app.notice.text == "Sound on"


def test_m_on_a_russian_keyboard_is_the_key_labelled_m(pilot: Pilot) -> None:
    pilot.app.screens.push("title")
    pilot.step()
    pilot.key(ord("ь"), layout="ru")  # the Russian layout's letter on the M key
    assert pilot.app.services.sound.muted


def test_a_held_m_toggles_once(pilot: Pilot) -> None:
    pilot.app.screens.push("title")
    pilot.step()
    down = pygame.event.Event(
        pygame.KEYDOWN, key=pygame.K_m, scancode=pygame.KSCAN_M, mod=0, unicode="m"
    )
    for _ in range(10):  # pygame repeats a held key's KEYDOWN, unchanged
        pygame.event.post(down)
        pilot.step()
    assert pilot.app.services.sound.muted
