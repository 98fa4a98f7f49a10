"""Mail through an e-mail service's API (django-anymail), configured from the environment
only: a process started with EMAIL_BACKEND and ANYMAIL_* variables sends to a Postmark-shaped
API listening on loopback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
SEND = (
    "import django; django.setup()\n"
    "from django.core.mail import send_mail\n"
    "print(send_mail('Your order #1042', 'Thank you for your order #1042.', None,"
    " ['claire@example.com']))\n"
)


class FakePostmark:
    """Answers POST /email as Postmark does, keeping each request's headers and body."""

    def __init__(self, status: int = 200) -> None:
        self.requests: list[dict[str, Any]] = []
        received = self.requests

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                received.append({"path": self.path, "headers": dict(self.headers), "body": body})
                if status == 200:
                    answer = {
                        "To": body["To"],
                        "SubmittedAt": "2026-12-02T21:00:00Z",
                        "MessageID": "0a129aee-e1cd-480d-b08d-4f48548ff48d",
                        "ErrorCode": 0,
                        "Message": "OK",
                    }
                else:
                    answer = {
                        "ErrorCode": 10,
                        "Message": "The Server Token you provided was invalid.",
                    }
                payload = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def postmark() -> Iterator[FakePostmark]:
    service = FakePostmark()
    yield service
    service.close()


@pytest.fixture
def refusing_postmark() -> Iterator[FakePostmark]:
    service = FakePostmark(status=401)
    yield service
    service.close()


def _send(api_url: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("ANYMAIL_", "EMAIL_"))},
        "DJANGO_SETTINGS_MODULE": "marketplace.settings.base",
        "DATABASE_URL": "postgresql://nobody@127.0.0.1:1/unused",  # sending needs no database
        "SECRET_KEY": "anymail-test-key-" + "x" * 40,
        "MARKETPLACE_HOME": str(tmp_path / "home"),
        "DEFAULT_FROM_EMAIL": "Artisan Clusters <shop@artisans.example>",
        "EMAIL_BACKEND": "anymail.backends.postmark.EmailBackend",
        "EMAIL_FILE_PATH": str(tmp_path / "must-stay-empty"),
        "ANYMAIL_POSTMARK_SERVER_TOKEN": "server-token-123",
        "ANYMAIL_POSTMARK_API_URL": api_url,
    }
    return subprocess.run(
        [sys.executable, "-c", SEND],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_mail_goes_to_the_service_configured_in_the_environment(
    postmark: FakePostmark, tmp_path: Path
) -> None:
    sent = _send(postmark.url, tmp_path)
    assert sent.returncode == 0, sent.stderr
    assert sent.stdout.strip() == "1"
    [request] = postmark.requests
    assert request["path"] == "/email"
    assert request["headers"]["X-Postmark-Server-Token"] == "server-token-123"
    assert {key: request["body"][key] for key in ("From", "To", "Subject", "TextBody")} == {
        "From": "Artisan Clusters <shop@artisans.example>",
        "To": "claire@example.com",
        "Subject": "Your order #1042",
        "TextBody": "Thank you for your order #1042.",
    }
    assert not (tmp_path / "must-stay-empty").exists()


def test_a_refused_send_is_an_error_naming_the_service_answer(
    refusing_postmark: FakePostmark, tmp_path: Path
) -> None:
    sent = _send(refusing_postmark.url, tmp_path)
    assert sent.returncode == 1
    assert "anymail.exceptions.AnymailRequestsAPIError" in sent.stderr
    assert "The Server Token you provided was invalid." in sent.stderr
    assert len(refusing_postmark.requests) == 1
