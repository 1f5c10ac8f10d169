"""Allocation: each municipality's eerlijk aandeel of a regional task, exact and explained."""
