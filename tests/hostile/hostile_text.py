"""Hostile strings shared by the fault tests: terminal escapes, markup and emoji codes as a document or a user might hold them."""

from __future__ import annotations

TITLE_ESCAPE = "\x1b]0;gekaapt\x07"
"""OSC 0: sets the terminal's window title."""
CLEAR_SCREEN = "\x1b[2J"
CLIPBOARD = "\x1b]52;c;ZWNobyBwd25lZA==\x07"
"""OSC 52: writes 'echo pwned' to the clipboard."""
MARKUP = "Rapport [/bold] 2024 Jaarverslag [concept] :x:"
HOSTILE = f"Beleid {TITLE_ESCAPE}{CLEAR_SCREEN}{CLIPBOARD} {MARKUP}"
"""A document-like line carrying all of them."""
