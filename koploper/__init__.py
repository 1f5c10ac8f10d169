"""Shared foundation of every layer: settings, the region registry, text folding, Dutch numbers,
atomic writes and the rounding-method vocabulary.

Written once here so that the kennisbank, the allocation engine, the assistant and the app cannot
drift apart (they did: `zoek --regio GMR` failed while `verdeel --regio GMR` worked). This package
imports none of them (an import-linter contract keeps it so) and nothing heavy.
"""
