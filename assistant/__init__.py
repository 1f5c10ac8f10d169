"""Assistant: routes a Dutch message to the kennisbank or the allocation engine and composes the reply."""
