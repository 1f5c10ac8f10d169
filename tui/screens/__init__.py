"""Modal screens of the Koploper app."""
