"""OpenTelemetry traces: a real gunicorn process exports its request's spans over OTLP/HTTP
to a collector listening on loopback; without an endpoint nothing is set up."""

from __future__ import annotations

import gzip
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
import zlib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from opentelemetry import trace
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest
from opentelemetry.proto.trace.v1.trace_pb2 import Span
from opentelemetry.sdk.trace import TracerProvider

from marketplace.core import telemetry
from tests.deploy.test_two_web_processes import _answers, _free_port
from tests.deploy.test_worker import _database_url

REPO = Path(__file__).resolve().parents[2]
DJANGO_MIDDLEWARE = (
    "opentelemetry.instrumentation.django.middleware.otel_middleware._DjangoMiddleware"
)


class Collector:
    """An OTLP/HTTP trace receiver: keeps every span POSTed to /v1/traces."""

    def __init__(self) -> None:
        self.spans: list[dict[str, Any]] = []
        self.paths: list[str] = []
        self.lock = threading.Lock()
        collector = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                encoding = self.headers.get("Content-Encoding", "")
                if encoding == "gzip":
                    body = gzip.decompress(body)
                elif encoding == "deflate":
                    body = zlib.decompress(body)
                collector.receive(self.path, body)
                self.send_response(200)
                self.send_header("Content-Type", "application/x-protobuf")
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def receive(self, path: str, body: bytes) -> None:
        request = ExportTraceServiceRequest.FromString(body)
        with self.lock:
            self.paths.append(path)
            for resource_spans in request.resource_spans:
                service = {a.key: a.value.string_value for a in resource_spans.resource.attributes}[
                    "service.name"
                ]
                for scope_spans in resource_spans.scope_spans:
                    for span in scope_spans.spans:
                        self.spans.append(
                            {
                                "service": service,
                                "scope": scope_spans.scope.name,
                                "name": span.name,
                                "kind": span.kind,
                                "trace_id": span.trace_id,
                                "span_id": span.span_id,
                                "parent_id": span.parent_span_id,
                                "attributes": {
                                    a.key: a.value.string_value or a.value.int_value
                                    for a in span.attributes
                                },
                            }
                        )


@pytest.fixture
def collector() -> Iterator[Collector]:
    receiver = Collector()
    receiver.thread.start()
    yield receiver
    receiver.server.shutdown()
    receiver.server.server_close()


@pytest.fixture
def traced_web(transactional_db: Any, collector: Collector, tmp_path: Path) -> Iterator[str]:
    from django.db import connection

    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "marketplace.settings.test",
        "DATABASE_URL": _database_url(connection.settings_dict),
        "SECRET_KEY": "telemetry-test-key-" + "x" * 40,
        "MARKETPLACE_HOME": str(tmp_path / "home"),
        "OTEL_EXPORTER_OTLP_ENDPOINT": collector.url,
        "OTEL_SERVICE_NAME": "marketplace-web",
        "OTEL_BSP_SCHEDULE_DELAY": "100",  # milliseconds: export soon after each request
    }
    log = (tmp_path / "web.log").open("wb")
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    process = subprocess.Popen(
        [gunicorn, "marketplace.wsgi:application", "-b", f"127.0.0.1:{port}", "-w", "1"],
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 40
        while not _answers(f"{url}/health/live"):
            assert process.poll() is None and time.monotonic() < deadline, (
                tmp_path / "web.log"
            ).read_text(errors="replace")[-4000:]
            time.sleep(0.2)
        yield url
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        log.close()


def test_a_request_is_exported_as_a_trace_with_its_sql(
    traced_web: str, collector: Collector
) -> None:
    request = urllib.request.Request(
        f"{traced_web}/graphql/",
        data=b'{"query": "{ products(first: 1, channel: \\"international\\") { totalCount } }"}',
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 200

    def server_spans() -> list[dict[str, Any]]:
        with collector.lock:
            return [s for s in collector.spans if s["kind"] == Span.SpanKind.SPAN_KIND_SERVER]

    deadline = time.monotonic() + 20
    while not server_spans():
        assert time.monotonic() < deadline, "no server span exported"
        time.sleep(0.1)
    time.sleep(0.5)  # the batch holding the SQL spans may follow a moment later

    assert set(collector.paths) == {"/v1/traces"}
    # The readiness waits before the request hit /health/live: not traced.
    [request_span] = server_spans()
    assert request_span["name"] == "POST graphql/"
    assert request_span["service"] == "marketplace-web"
    assert request_span["scope"] == "opentelemetry.instrumentation.django"
    assert request_span["attributes"]["http.route"] == "graphql/"
    with collector.lock:
        sql = [s for s in collector.spans if s["scope"] == "opentelemetry.instrumentation.psycopg"]
    assert sql, "no SQL span exported"
    assert {s["attributes"]["db.system"] for s in sql} == {"postgresql"}
    # The statements run for the request are inside the request's trace.
    inside = [s for s in sql if s["trace_id"] == request_span["trace_id"]]
    assert inside and all(s["parent_id"] for s in inside)


def test_nothing_is_set_up_without_an_endpoint(
    monkeypatch: pytest.MonkeyPatch, settings: Any
) -> None:
    monkeypatch.delenv("OTEL_EXPORTER_OTLP_ENDPOINT", raising=False)
    monkeypatch.delenv("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", raising=False)
    assert telemetry.telemetry_configure() is False
    assert not isinstance(trace.get_tracer_provider(), TracerProvider)
    assert DJANGO_MIDDLEWARE not in settings.MIDDLEWARE


def test_an_endpoint_without_the_packages_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch, settings: Any
) -> None:
    monkeypatch.setenv("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4318")
    monkeypatch.setitem(sys.modules, "opentelemetry.instrumentation.django", None)
    with pytest.raises(ImproperlyConfigured) as raised:
        telemetry.telemetry_configure()
    assert str(raised.value) == (
        "OTEL_EXPORTER_OTLP_ENDPOINT is set but OpenTelemetry is not installed "
        "(opentelemetry.instrumentation.django): pip install 'artisan-marketplace[otel]'."
    )
    assert not isinstance(trace.get_tracer_provider(), TracerProvider)
    assert DJANGO_MIDDLEWARE not in settings.MIDDLEWARE
