"""`koploper web`: the same Textual app in the browser, for a team on one server.

- `cli` — the command: options, the access file, the address to open, a taken port.
- `access` — the colleagues' names and tokens (a 0600 file, tokens from `secrets`).
- `server` — textual-serve with the token checked before any app process starts, one process per tab
  in the colleague's own folder (KOPLOPER_USER_DIR).
- `pages` — the plain Dutch pages for a missing or wrong token.
- `templates/app_index.html` — the page, which loads nothing from outside this server.

It starts app processes and imports neither the assistant nor the engines (an import contract).
"""
