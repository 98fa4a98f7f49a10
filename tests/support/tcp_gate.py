"""A loopback TCP forwarder that can be closed and opened again: a database that goes away.

Closing it drops the listener and every forwarded connection, as a database restart or a
network cut does; opening it again on the same port brings the database "back".
"""

from __future__ import annotations

import contextlib
import socket
import threading


class TcpGate:
    def __init__(self, *, target_host: str, target_port: int | None) -> None:
        # target_port None: target_host is a unix socket directory (PostgreSQL's layout).
        self.target_host, self.target_port = target_host, target_port
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = int(probe.getsockname()[1])
        self._listener: socket.socket | None = None
        self._open: list[socket.socket] = []
        self._lock = threading.Lock()

    def _dial(self) -> socket.socket:
        if self.target_port is None:
            upstream = socket.socket(socket.AF_UNIX)
            upstream.connect(f"{self.target_host}/.s.PGSQL.5432")
            return upstream
        return socket.create_connection((self.target_host, self.target_port), timeout=5)

    def open(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(16)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def close(self) -> None:
        with self._lock:
            sockets, self._open = self._open, []
            listener, self._listener = self._listener, None
        for sock in [*sockets, *([listener] if listener else [])]:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # closed
            upstream = self._dial()
            with self._lock:
                self._open += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while chunk := source.recv(65536):
                sink.sendall(chunk)
        with contextlib.suppress(OSError):
            sink.shutdown(socket.SHUT_WR)
