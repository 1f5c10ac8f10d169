"""Hostile files for the knowledge base, generated (issue 23): used by the fault suite and bench_hostile.

- `zip_bomb_docx`: a valid Word file whose document.xml unpacks to `unpacked_mb` of paragraphs.
- `shared_stream_pdf`: a PDF of `pages` pages that all draw one content stream of `stream_mb` (the
  stream is stored once, compressed; a text extractor interprets it on every page).
- `escape_text`, `MARKUP_TITLES`: terminal escapes and rich markup to put in documents and titles.
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

ESCAPES = "\x1b]0;gekaapt\x07\x1b[2J\x1b]52;c;ZWNobyBwd25lZA==\x07"
"""Window title, clear screen, clipboard write ('echo pwned')."""
MARKUP_TITLES = ("Rapport [/bold] 2024", "Jaarverslag [concept] 2024")

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def zip_bomb_docx(path: Path, unpacked_mb: float) -> Path:
    """A .docx of a few hundred kB per 100 MB unpacked: the same paragraph over and over."""
    paragraph = (b"<w:p><w:r><w:t>Woningen voor aandachtsgroepen worden eerlijk verdeeld over de gemeenten "
                 b"van de regio, paragraaf na paragraaf.</w:t></w:r></w:p>")
    block = paragraph * 2000
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        with archive.open("word/document.xml", "w", force_zip64=True) as document:
            document.write(f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{_W}"><w:body>'.encode())
            for _ in range(max(1, int(unpacked_mb * 2**20 / len(block)))):
                document.write(block)
            document.write(b"</w:body></w:document>")
    return path


def shared_stream_pdf(path: Path, pages: int, stream_mb: float) -> Path:
    """A PDF whose `pages` pages share one Flate content stream of `stream_mb` unpacked (raw bytes)."""
    line = b"BT /F1 9 Tf 40 700 Td (Verdeling van woningen over de regio) Tj ET\n"
    content = zlib.compress(line * max(1, int(stream_mb * 2**20 / len(line))), 9)
    kids = " ".join(f"{5 + number} 0 R" for number in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Count {pages} /Kids [{kids}] >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        f"<< /Length {len(content)} /Filter /FlateDecode >>\nstream\n".encode() + content + b"\nendstream",
    ]
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>"
    objects += [page] * pages
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))
    return path
