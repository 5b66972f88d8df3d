"""The chart renderer's own process: reads Vega-Lite specs on standard input, writes PNG or SVG bytes on standard
output, until its input closes. Run by :mod:`presentation.exports.renderer` as a script (by path, so that it
imports vl_convert alone, not the program's packages).

If vl-convert aborts (a Rust panic aborts the process it runs in), only this process dies: the server that asked
sees its pipe close, tells the user in their language and starts a new one for the next chart.

One request: 4 bytes (big-endian length) and that many bytes of JSON ``{"fmt": "png"|"svg", "scale": 2.0,
"spec": {...}}``. One answer: ``K`` (the image) or ``E`` (vl-convert's error, UTF-8), 4 bytes of length, the
bytes.
"""

from __future__ import annotations

import json
import struct
import sys

HEADER = struct.Struct(">I")


def _read(stream, n: int) -> bytes | None:
    data = stream.read(n)
    return data if len(data) == n else None


def convert(request: dict) -> tuple[bytes, bytes]:
    """(status, body) of one request."""
    import vl_convert as vlc

    try:
        if request["fmt"] == "png":
            return b"K", vlc.vegalite_to_png(request["spec"], scale=float(request["scale"]))
        return b"K", vlc.vegalite_to_svg(request["spec"]).encode("utf-8")
    except Exception as exc:  # noqa: BLE001 - told back to the parent, which raises it there
        return b"E", str(exc).encode("utf-8", "replace")


def serve(stdin, stdout) -> None:
    """Answer requests until the input closes."""
    while True:
        head = _read(stdin, HEADER.size)
        if head is None:
            return
        body = _read(stdin, HEADER.unpack(head)[0])
        if body is None:
            return
        status, answer = convert(json.loads(body))
        stdout.write(status + HEADER.pack(len(answer)) + answer)
        stdout.flush()


if __name__ == "__main__":
    serve(sys.stdin.buffer, sys.stdout.buffer)
