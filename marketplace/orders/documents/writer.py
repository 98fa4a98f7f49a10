"""A small PDF writer for the parcel papers: headings, label/value pairs, tables that break
across pages, two address blocks side by side. Latin text in Helvetica; names in other scripts
(an Arabic piece or workshop) in an embedded Unicode font, joined and in display order
(marketplace/core/pdf_text.py)."""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfgen.canvas import Canvas

from marketplace.core.pdf_text import display_order, font_for

MARGIN = 15 * mm
WIDTH, HEIGHT = A4


class PaperWriter:
    def __init__(self, title: str) -> None:
        self.buffer = BytesIO()
        self.canvas = Canvas(self.buffer, pagesize=A4)
        self.canvas.setTitle(str(title))
        self.y = HEIGHT - MARGIN

    def _room(self, needed: float) -> None:
        if self.y - needed < MARGIN:
            self.canvas.showPage()
            self.y = HEIGHT - MARGIN

    def text(self, text: str, *, size: float = 9, bold: bool = False, x: float = MARGIN) -> None:
        """A paragraph, wrapped to the page's width."""
        font = font_for(str(text), bold=bold)
        for row in simpleSplit(str(text), font, size, WIDTH - MARGIN - x) or [""]:
            self._room(size + 3)
            self.canvas.setFont(font, size)
            self.canvas.drawString(x, self.y - size, display_order(row))
            self.y -= size + 3

    def _draw(
        self, x: float, y: float, text: str, *, size: float, bold: bool = False, right: bool = False
    ) -> None:
        self.canvas.setFont(font_for(text, bold=bold), size)
        shown = display_order(text)
        if right:
            self.canvas.drawRightString(x, y, shown)
        else:
            self.canvas.drawString(x, y, shown)

    def heading(self, text: str, *, size: float = 15) -> None:
        self.text(text, size=size, bold=True)
        self.y -= 2

    def gap(self, points: float = 6) -> None:
        self.y -= points

    def pairs(self, rows: Sequence[tuple[str, str]], *, label_width: float = 45 * mm) -> None:
        for label, value in rows:
            self._room(12)
            self._draw(MARGIN, self.y - 9, str(label), size=9, bold=True)
            self._draw(MARGIN + label_width, self.y - 9, str(value)[:100], size=9)
            self.y -= 12

    def columns(self, blocks: Sequence[tuple[str, Sequence[str]]]) -> None:
        """Blocks (title, lines) side by side, e.g. sender and recipient."""
        width = (WIDTH - 2 * MARGIN) / max(1, len(blocks))
        tallest = max(len(lines) for _, lines in blocks) + 1
        self._room(tallest * 11 + 4)
        top = self.y
        for index, (title, lines) in enumerate(blocks):
            x, y = MARGIN + index * width, top
            self._draw(x, y - 9, str(title), size=9, bold=True)
            for row in lines:
                y -= 11
                self._draw(x, y - 9, str(row)[:60], size=9)
        self.y = top - tallest * 11 - 4

    def table(
        self,
        headers: Sequence[str],
        rows: Sequence[Sequence[str]],
        widths: Sequence[float],
        *,
        right: Sequence[int] = (),
    ) -> None:
        """A table whose header repeats on every page; ``right`` columns align right."""
        scale = (WIDTH - 2 * MARGIN) / sum(widths)
        xs = [MARGIN]
        for w in widths:
            xs.append(xs[-1] + w * scale)

        def row(cells: Sequence[str], bold: bool) -> None:
            for index, cell in enumerate(cells):
                limit = int((xs[index + 1] - xs[index]) / 4.2)
                value = str(cell)[:limit]
                if index in right:
                    self._draw(xs[index + 1] - 2, self.y - 8, value, size=8, bold=bold, right=True)
                else:
                    self._draw(xs[index] + 1, self.y - 8, value, size=8, bold=bold)
            self.y -= 11

        def header() -> None:
            row(headers, True)
            self.canvas.line(MARGIN, self.y + 1, WIDTH - MARGIN, self.y + 1)

        self._room(30)
        header()
        for cells in rows:
            if self.y - 11 < MARGIN:
                self.canvas.showPage()
                self.y = HEIGHT - MARGIN
                header()
            row(cells, False)
        self.canvas.line(MARGIN, self.y + 1, WIDTH - MARGIN, self.y + 1)
        self.y -= 2

    def image(self, png: bytes, *, size: float, x: float | None = None) -> None:
        self._room(size)
        left = WIDTH - MARGIN - size if x is None else x
        self.canvas.drawImage(ImageReader(BytesIO(png)), left, self.y - size, size, size)

    def signature(self, label: str) -> None:
        self.gap(18)
        self._room(20)
        self.canvas.line(MARGIN, self.y, MARGIN + 70 * mm, self.y)
        self.text(label, size=8)

    def done(self) -> bytes:
        self.canvas.showPage()
        self.canvas.save()
        return self.buffer.getvalue()
