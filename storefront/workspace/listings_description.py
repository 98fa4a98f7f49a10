"""A listing's description both ways: the plain text typed in the editor's box and the
EditorJS document the catalog keeps."""

from __future__ import annotations

from typing import Any


def _paragraphs(text: str) -> dict[str, Any] | None:
    """Plain text typed in a box as an EditorJS document, one block per paragraph (None:
    no description)."""
    parts = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    if not parts:
        return None
    return {"blocks": [{"type": "paragraph", "data": {"text": p}} for p in parts]}


def plain(document: Any) -> str:
    blocks = document.get("blocks", []) if isinstance(document, dict) else []
    return "\n\n".join(str(b.get("data", {}).get("text", "")) for b in blocks if b.get("data"))
