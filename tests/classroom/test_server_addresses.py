"""The address printed for the students and the teacher, and how it is found."""

from __future__ import annotations

import socket
from urllib.parse import parse_qs, urlsplit

import pytest

from clarity.classroom import addresses


def test_listening_everywhere_shows_the_classroom_address() -> None:
    assert addresses.shown_host("0.0.0.0", classroom_address="10.4.2.17") == "10.4.2.17"
    assert addresses.shown_host("::", classroom_address="10.4.2.17") == "10.4.2.17"


def test_a_chosen_address_is_shown_as_it_is_ipv6_in_brackets() -> None:
    assert addresses.shown_host("127.0.0.1", classroom_address="10.4.2.17") == "127.0.0.1"
    assert addresses.shown_host("::1") == "[::1]"


def test_students_url_fills_the_pin_in() -> None:
    url = addresses.students_url("10.4.2.17", 8765, "482913")
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == ("http", "10.4.2.17:8765", "/")
    assert parse_qs(parts.query) == {"pin": ["482913"]}


def test_teacher_url_carries_the_token_whole() -> None:
    token = "a-B_9" * 6
    url = addresses.teacher_url("10.4.2.17", 8765, token)
    parts = urlsplit(url)
    assert parts.path == "/teacher"
    assert parse_qs(parts.query) == {"token": [token]}


def test_the_printed_lines_are_students_then_teacher() -> None:
    assert addresses.url_lines("http://a/?pin=1", "http://a/teacher?token=t") == (
        "students: http://a/?pin=1",
        "teacher: http://a/teacher?token=t",
    )


class _RecordingSocket:
    """A UDP socket that records what is done with it and never touches the network."""

    def __init__(self, calls: list[str], source: str | None) -> None:
        self.calls = calls
        self.source = source

    def __enter__(self) -> _RecordingSocket:
        return self

    def __exit__(self, *exc: object) -> None:
        self.calls.append("close")

    def connect(self, address: tuple[str, int]) -> None:
        self.calls.append(f"connect {address[0]}")
        if self.source is None:
            raise OSError(101, "Network is unreachable")

    def getsockname(self) -> tuple[str, int]:
        assert self.source is not None
        return (self.source, 40000)

    def __getattr__(self, name: str) -> object:
        raise AssertionError(f"the address probe used socket.{name}: it must send nothing")


def _probe_with(monkeypatch: pytest.MonkeyPatch, source: str | None) -> tuple[str, list[str]]:
    calls: list[str] = []

    def fake_socket(family: int, kind: int) -> _RecordingSocket:
        assert (family, kind) == (socket.AF_INET, socket.SOCK_DGRAM)
        return _RecordingSocket(calls, source)

    monkeypatch.setattr(addresses.socket, "socket", fake_socket)
    return addresses.default_route_address(), calls


def test_the_classroom_address_is_asked_of_the_routes_without_sending(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    found, calls = _probe_with(monkeypatch, "192.168.5.20")
    assert found == "192.168.5.20"
    # connect (which only picks the route) and close: no send, sendto or anything else
    assert calls == [f"connect {addresses.ROUTE_PROBE[0]}", "close"]


def test_without_a_network_the_address_is_this_computer(monkeypatch: pytest.MonkeyPatch) -> None:
    found, _ = _probe_with(monkeypatch, None)
    assert found == "127.0.0.1"


def test_an_unbound_probe_answer_falls_back_to_loopback(monkeypatch: pytest.MonkeyPatch) -> None:
    found, _ = _probe_with(monkeypatch, "0.0.0.0")
    assert found == "127.0.0.1"
