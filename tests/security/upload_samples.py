"""Files an attacker (or a careless phone) uploads: polyglots, scripts dressed as images,
fake PDFs, photos that give away where the workshop is."""

from __future__ import annotations

import struct
import zlib
from io import BytesIO

from PIL import ExifTags, Image
from reportlab.pdfgen import canvas

HTML_TAIL = b"<html><body><script>alert(document.cookie)</script></body></html>"
SVG = (
    b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(document.domain)</script></svg>"
)
# Djemila (Setif): where the photo was taken, as a phone writes it into EXIF.
LATITUDE = (36.0, 19.0, 12.0)


def pdf_bytes(text: str = "ANART craft label no. 2026-0042") -> bytes:
    """A real one-page PDF, as a label's issuing body sends it."""
    buffer = BytesIO()
    document = canvas.Canvas(buffer)
    document.drawString(72, 720, text)
    document.showPage()
    document.save()
    return buffer.getvalue()


def png_bytes(colour: str = "orange") -> bytes:
    buffer = BytesIO()
    Image.new("RGB", (64, 48), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def _exif_with_gps() -> Image.Exif:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneCo"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = LATITUDE
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (5.0, 44.0, 6.0)
    return exif


def jpeg_with_gps() -> bytes:
    buffer = BytesIO()
    Image.new("RGB", (64, 48), "sienna").save(buffer, format="JPEG", exif=_exif_with_gps())
    return buffer.getvalue()


def png_with_gps() -> bytes:
    buffer = BytesIO()
    Image.new("RGB", (64, 48), "teal").save(buffer, format="PNG", exif=_exif_with_gps())
    return buffer.getvalue()


def gps_of(data: bytes) -> dict[int, object]:
    with Image.open(BytesIO(data)) as image:
        return dict(image.getexif().get_ifd(ExifTags.IFD.GPSInfo))


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims ``width`` x ``height`` pixels (a decompression bomb's
    shape: decoding it would allocate the claimed size)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" * 64)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", pixels)
        + _chunk(b"IEND", b"")
    )


def pdf_running_javascript() -> bytes:
    """A PDF whose catalog runs a script when it opens."""
    from pypdf import PdfWriter
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    action = DictionaryObject(
        {
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject("app.alert('pwned');"),
        }
    )
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    buffer = BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def pdf_with_a_password() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(BytesIO(pdf_bytes())))
    writer.encrypt("secret", algorithm="RC4-128")
    buffer = BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def image_bytes(mode: str, image_format: str, **options: object) -> bytes:
    """A small image of ``mode`` (CMYK, P with transparency, LA...) in ``image_format``."""
    image = Image.new("RGB", (40, 30), "navy").convert(mode)
    if "A" in mode:
        image.putalpha(128)  # translucent, so that the alpha channel is really stored
    if mode == "P":
        options.setdefault("transparency", 0)
    buffer = BytesIO()
    image.save(buffer, format=image_format, **options)
    return buffer.getvalue()
