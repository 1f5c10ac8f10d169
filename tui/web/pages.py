"""The plain Dutch pages the web server answers with when access is refused (no app, no scripts)."""

from __future__ import annotations

from html import escape

from aiohttp import web

PAGE = """<!DOCTYPE html>
<html lang="nl">
<head><meta charset="utf-8"><title>Koploper — geen toegang</title>
<style>body {{ font-family: sans-serif; max-width: 40em; margin: 4em auto; line-height: 1.5; }}</style>
</head>
<body><h1>Geen toegang</h1><p>{what}</p><p>{todo}</p></body>
</html>
"""


def denied_page(status: int, what: str, todo: str) -> web.Response:
    """401 (no token) or 403 (a wrong one): what happened and what to do, nothing else."""
    return web.Response(
        status=status,
        text=PAGE.format(what=escape(what), todo=escape(todo)),
        content_type="text/html",
        headers={"Cache-Control": "no-store"},
    )
