"""Deterministic Dutch parsing of one message: numbers, places, key, method, group and cues.

Every module here has one job and no state; `parse_message` puts their findings together.
"""

from assistant.parsing.message import ParsedMessage, parse_message

__all__ = ["ParsedMessage", "parse_message"]
