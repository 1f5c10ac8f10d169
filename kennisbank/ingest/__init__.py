"""Reading sources into passages: file readers, sentences, chunking, and the index build that walks a folder."""
