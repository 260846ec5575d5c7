"""The address students type: the computer's address on the classroom network, and the URLs.

The server listens on every interface by default (``0.0.0.0``), which is no address a phone
can open; the one to print is the address of the interface the default route leaves by
(the Wi-Fi or the cable the classroom shares). It is found without sending anything: a UDP
socket's ``connect()`` only asks the kernel which route and source address it would use
(RFC 768 has no handshake; no packet leaves until something is sent). Without a route
(no network at all) the game still runs on this computer: 127.0.0.1.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import quote, urlencode

#: Never reached: a UDP ``connect()`` sends nothing. An address of TEST-NET-2 (RFC 5737),
#: reserved for documentation, so that the route asked about is the default one on any
#: classroom network, and a bug that did send would reach nobody.
ROUTE_PROBE = ("198.51.100.1", 9)
LOOPBACK = "127.0.0.1"
#: Listening on all of these means "every interface": the URL names the classroom address.
ANY_ADDRESSES = frozenset({"", "0.0.0.0", "::"})


def default_route_address(probe: tuple[str, int] = ROUTE_PROBE) -> str:
    """The IPv4 address of the interface the default route uses, or ``127.0.0.1`` when there is
    no route (no network). Sends no packet (see the module's docstring)."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe_socket:
            probe_socket.connect(probe)
            address = probe_socket.getsockname()[0]
    except OSError:
        return LOOPBACK
    if not isinstance(address, str) or address in ANY_ADDRESSES:
        return LOOPBACK
    return address


def shown_host(bind: str, *, classroom_address: str | None = None) -> str:
    """The host part of the URLs for a server listening on ``bind``: the classroom address
    (``classroom_address``, else :func:`default_route_address`) when it listens on every
    interface, else ``bind`` itself (an IPv6 address in brackets, RFC 3986 section 3.2.2)."""
    if bind.strip() in ANY_ADDRESSES:
        return classroom_address if classroom_address is not None else default_route_address()
    try:
        parsed = ipaddress.ip_address(bind.strip())
    except ValueError:
        return bind.strip()  # a host name: as given
    return f"[{parsed}]" if parsed.version == 6 else str(parsed)


def base_url(host: str, port: int) -> str:
    """``http://HOST:PORT`` (``host`` as :func:`shown_host` gives it)."""
    return f"http://{host}:{port}"


def students_url(host: str, port: int, pin: str) -> str:
    """The address the students open; ``?pin=`` fills the PIN in (the QR code carries it)."""
    return f"{base_url(host, port)}/?{urlencode({'pin': pin})}"


def teacher_url(host: str, port: int, token: str) -> str:
    """The teacher page's address, carrying the teacher's secret token (whoever has it drives
    the game: it is printed on the teacher's own terminal only)."""
    return f"{base_url(host, port)}/teacher?token={quote(token, safe='')}"


def url_lines(students: str, teacher: str) -> tuple[str, str]:
    """The two lines ``clarity host`` prints: ``students: URL`` and ``teacher: URL``. Not
    translated: scripts and the tests read them."""
    return f"students: {students}", f"teacher: {teacher}"
