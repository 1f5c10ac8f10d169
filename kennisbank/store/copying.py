"""A whole index copied to another store without the model (a local index to a team server; tests)."""

from __future__ import annotations

from kennisbank.errors import KennisbankError
from kennisbank.store.base import Store
from kennisbank.store.records import new_version


def copy_store(source: Store, target: Store) -> int:
    """Copy a whole index (vectors, sentences, files, state) to another store without the model.

    For moving a local index to a team server, and for tests that need a filled server quickly.
    Returns the number of passages copied.
    """
    state = source.state()
    if state is None:
        raise KennisbankError(source.missing_message())
    target.reset()
    copied = 0
    for batch in source.export_batches():
        target.import_batch(batch)
        copied += len(batch.ids)
    target.put_files(source.files())
    target.write_state(state.model_copy(update={"store_id": new_version(), "version": new_version()}))
    return copied
