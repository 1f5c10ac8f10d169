"""Terminal app: a thin Textual face over the assistant (`koploper` without arguments).

It shows what `assistant` returns and holds no business logic of its own: no parsing, no
calculation, no search. The modules, each small:

- `app` — `KoploperApp`: layout, the background load (assistant, then knowledge base), the ordered
  queue of questions run in worker threads, saving after every reply; `run_app()`.
- `conversation_actions`, `export_actions` — what the keys and the command palette do.
- `commands` — the one table of user actions: key, Footer label, palette title and help.
- `jobs` — a queued call on the conversation.
- `widgets/` — transcript, messages, citations, allocation table and chart, start panel, status line,
  question line with history.
- `screens/` — sources panel, choices (region filter, saved conversations, export), path prompt, help,
  the Dutch command palette.
- `format` — Dutch number formatting for display.
- `koploper.tcss` — all styling; only theme variables, so light and dark themes both work.
"""
