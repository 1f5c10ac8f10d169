"""Finding passages: the Dutch lexical index, score fusion and the word-index cache."""
