"""Answering from found passages: question kinds, the choice of evidence sentences and the answer gate."""
