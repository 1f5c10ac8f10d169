"""Widgets of the Koploper app, one small module each."""
