"""Kennisbank: the koploper regions' material, searched by meaning and by words, quoted with citations."""
