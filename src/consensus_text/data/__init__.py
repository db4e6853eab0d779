"""Data files shipped with consensus_text (read with importlib.resources)."""
