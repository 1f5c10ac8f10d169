"""Where passages live: the record types, the abstract Store, the embedded and server Chroma stores, upgrades."""
