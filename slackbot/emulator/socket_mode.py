"""Socket Mode, emulated: a WebSocket endpoint (RFC 6455, plain ws:// on 127.0.0.1) that sends envelopes.

`apps.connections.open` hands its URL to the app (slack_sdk's builtin client speaks plain ws to ports other
than 443); the server greets with `hello`, sends envelopes (`slash_commands`, `events_api`, `interactive`) and
collects the app's acks by envelope_id, like https://docs.slack.dev/apis/events-api/using-socket-mode.
"""

from __future__ import annotations

import base64
import hashlib
import json
import socket
import struct
import threading
import uuid
from typing import Any

GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


class SocketModeServer:
    """One listening socket; every accepted connection gets the envelopes sent after it said hello."""

    def __init__(self) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._connections: list[socket.socket] = []
        self._acks: dict[str, dict[str, Any]] = {}
        self._acked = threading.Condition()
        self._connected = threading.Event()
        self._lock = threading.Lock()
        threading.Thread(target=self._accept, name="socket-mode", daemon=True).start()

    @property
    def url(self) -> str:
        """The ws:// URL apps.connections.open returns."""
        return f"ws://127.0.0.1:{self._listener.getsockname()[1]}/link/?ticket={uuid.uuid4().hex}"

    def wait_connected(self, timeout: float = 30.0) -> bool:
        """Block until an app has connected (and been greeted)."""
        return self._connected.wait(timeout)

    def send(self, kind: str, payload: dict[str, Any], *, timeout: float = 30.0) -> dict[str, Any]:
        """Deliver one envelope and return the app's ack (its `payload` holds an ack-with-content)."""
        envelope_id = str(uuid.uuid4())
        message = {
            "envelope_id": envelope_id,
            "type": kind,
            "payload": payload,
            "accepts_response_payload": kind != "events_api",
            "retry_attempt": 0,
            "retry_reason": "",
        }
        with self._lock:
            connection = self._connections[-1]
            _write_frame(connection, 0x1, json.dumps(message).encode())
        with self._acked:
            if not self._acked.wait_for(lambda: envelope_id in self._acks, timeout):
                raise TimeoutError(f"no ack for envelope {envelope_id}")
            return self._acks.pop(envelope_id)

    def close(self) -> None:
        """Stop accepting and drop every connection."""
        self._listener.close()
        for connection in list(self._connections):
            connection.close()

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(connection,), daemon=True).start()

    def _serve(self, connection: socket.socket) -> None:
        request = b""
        while b"\r\n\r\n" not in request:
            chunk = connection.recv(4096)
            if not chunk:
                return
            request += chunk
        headers = dict(line.split(": ", 1) for line in request.decode().split("\r\n")[1:] if ": " in line)
        accept = base64.b64encode(hashlib.sha1((headers["Sec-WebSocket-Key"] + GUID).encode()).digest()).decode()
        connection.sendall(
            (
                "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                f"Sec-WebSocket-Accept: {accept}\r\n\r\n"
            ).encode()
        )
        with self._lock:
            _write_frame(connection, 0x1, json.dumps({"type": "hello", "num_connections": 1}).encode())
            self._connections.append(connection)
        self._connected.set()
        self._read(connection)

    def _read(self, connection: socket.socket) -> None:
        while True:
            try:
                opcode, data = _read_frame(connection)
            except (OSError, ConnectionError):
                return
            if opcode == 0x8:  # close
                return
            if opcode == 0x9:  # ping → pong with the same data
                with self._lock:
                    _write_frame(connection, 0xA, data)
            elif opcode == 0x1:
                ack = json.loads(data)
                with self._acked:
                    self._acks[ack.get("envelope_id", "")] = ack
                    self._acked.notify_all()


def _recv_exact(connection: socket.socket, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = connection.recv(size - len(data))
        if not chunk:
            raise ConnectionError("socket closed")
        data += chunk
    return data


def _read_frame(connection: socket.socket) -> tuple[int, bytes]:
    first, second = _recv_exact(connection, 2)
    length = second & 0x7F
    if length == 126:
        length = struct.unpack(">H", _recv_exact(connection, 2))[0]
    elif length == 127:
        length = struct.unpack(">Q", _recv_exact(connection, 8))[0]
    mask = _recv_exact(connection, 4) if second & 0x80 else b""
    data = _recv_exact(connection, length)
    if mask:  # frames from a client are masked
        data = bytes(b ^ mask[i % 4] for i, b in enumerate(data))
    return first & 0x0F, data


def _write_frame(connection: socket.socket, opcode: int, data: bytes) -> None:
    header = bytes([0x80 | opcode])
    if len(data) < 126:
        header += bytes([len(data)])
    elif len(data) < 65536:
        header += bytes([126]) + struct.pack(">H", len(data))
    else:
        header += bytes([127]) + struct.pack(">Q", len(data))
    connection.sendall(header + data)
