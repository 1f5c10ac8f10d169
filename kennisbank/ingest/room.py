"""Room on the disk during a run: refuse a write that does not fit, stop halfway when the disk fills up,
and put back what an unfinished run changed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kennisbank.errors import KennisbankError, StoreError
from kennisbank.store.base import Store
from kennisbank.store.records import FileEntry, IndexState, new_version
from koploper.numbers import counted

if TYPE_CHECKING:

    pass

ROOM_PER_CHUNK = 24 * 2**10
"""Bytes a new passage takes in the embedded store (vector, text, full-text index, sentence vectors):
measured 36 KiB for the cards and 17 KiB for 100k synthetic passages."""


ROOM_MARGIN = 4 * 2**20


TIDY_ROOM = 2 * 2**20
"""Room a run that stopped on a filling disk needs to roll back its unfinished files and commit the
finished ones (a few deletes and records); with less it leaves them marked unfinished."""


class RoomRanOut(StoreError):
    """The disk filled up while a run was under way (another program wrote to it): the run stopped before
    a write that would not fit, while ROOM_MARGIN is still free for tidying up."""

    def __init__(self, message: str, available: int) -> None:
        super().__init__(message)
        self.available = available


def check_room(store: Store, chunks: int, halfway: bool = False) -> None:
    """Refuse a write that clearly does not fit: before anything is written (this run's passages), and
    before each further batch (`halfway`), keeping ROOM_MARGIN free so that the files already done can
    be committed and the rest rolled back instead of a write failing in the middle of Chroma's."""
    if not chunks:
        return
    available = store.room()
    needed = chunks * ROOM_PER_CHUNK + ROOM_MARGIN
    if available is None or available >= needed:
        return
    if halfway:
        raise RoomRanOut(
            f"De kennisindex in {store.location} kon niet helemaal worden bijgewerkt: de schijf is vol geraakt "
            f"tijdens het indexeren (nog {available / 2**20:.0f} MB vrij). {{done}} De opdracht is gestopt. Maak "
            "ruimte vrij of kies een andere KOPLOPER_HOME, en voer de opdracht opnieuw uit: die maakt het af.",
            available,
        )
    raise StoreError(
        f"De kennisindex in {store.location} kan niet worden bijgewerkt: de schijf is vol. Er is "
        f"{available / 2**20:.0f} MB vrij en {counted(chunks, 'nieuw stuk', 'nieuwe stukken')} vragen ongeveer "
        f"{needed / 2**20:.0f} MB. Er is niets gewijzigd; de index werkt zoals hij was. Maak ruimte vrij of "
        "kies een andere KOPLOPER_HOME, en voer de opdracht opnieuw uit."
    )


def stopped_halfway(
    store: Store,
    stop: RoomRanOut,
    state: IndexState,
    finished: list[str],
    unfinished: list[str],
    undone: bool,
    room_left: bool,
) -> RoomRanOut:
    """After a run stopped on a filling disk: the files it finished become one new index version (so
    search and `bronnen` agree on them), the others were rolled back (`undone`) or stay marked
    unfinished; the message says which, and only what did happen."""
    committed = False
    if room_left:
        try:
            store.write_state(state.model_copy(update={"version": new_version()}))
            committed = True
        except KennisbankError:
            pass
    if undone and committed:
        done = (
            f"{counted(len(finished), 'bestand is', 'bestanden zijn')} bijgewerkt en doorzoekbaar; de andere "
            f"{len(unfinished)} zijn teruggezet zoals ze waren."
        )
    else:
        done = "Wat er al in stond, blijft doorzoekbaar; de bestanden die niet af zijn, zijn als onvoltooid gemarkeerd."
    return RoomRanOut(stop.message.replace("{done}", done[0].upper() + done[1:]), stop.available)


def roll_back(
    store: Store, keys: list[str], previous: dict[str, FileEntry], written: list[tuple[str, str]]
) -> bool:
    """After a failed write (a full disk, a folder turned read-only): files whose update was not finished
    get their previous record back and lose the passages this run added, so the index is as before the
    run. Best effort: what cannot be undone stays marked unfinished, and the next run completes it.
    True when all of it was undone."""
    unfinished = set(keys)
    if not unfinished:
        return True
    old_ids = {cid for key in unfinished if key in previous for cid in previous[key].chunk_ids}
    try:
        store.delete_chunks([cid for cid, source in written if source in unfinished and cid not in old_ids])
        store.put_files({key: previous[key] for key in unfinished if key in previous})
        store.delete_files([key for key in unfinished if key not in previous])
    except KennisbankError:
        return False
    return True
