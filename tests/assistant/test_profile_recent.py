"""Region profiles list the dated developments of the material newest first, quoted verbatim."""

from __future__ import annotations

from assistant.compose_profile import recent_lines
from assistant.engines import Hit, SearchResponse


def _hit(section: str, text: str) -> Hit:
    return Hit(id=section, source="bronnen/regio.md", title="Regio", section=section, text=text, score=1.0)


def test_dated_sections_come_newest_first_with_their_first_sentence() -> None:
    response = SearchResponse(
        query="q",
        results=[
            _hit("Sinds 2023: een woonzorgvisie", "De gemeenten stelden een woonzorgvisie op. Meer tekst."),
            _hit("Aanpak", "Eerst de feiten in beeld."),
            _hit("Sinds juni 2023: de woonvisie", "De raad stelde de woonvisie vast. Daarna volgde meer."),
            _hit("Sinds 2024: prestatieafspraken", "Heerlen maakte prestatieafspraken."),
        ],
    )
    lines, hits = recent_lines(response, first_number=3)
    assert [h.section for h in hits] == [
        "Sinds 2024: prestatieafspraken", "Sinds juni 2023: de woonvisie", "Sinds 2023: een woonzorgvisie"
    ]
    assert lines[0] == "- **Sinds 2024: prestatieafspraken** — Heerlen maakte prestatieafspraken. [3]"
    assert lines[1].endswith("De raad stelde de woonvisie vast. [4]")
    assert recent_lines(None, 1) == ([], [])
