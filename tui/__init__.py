"""Terminal app: a thin Textual face over the assistant."""
