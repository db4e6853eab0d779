"""Pure domain values: participants, paragraphs, bracketed text, positions, revisions.

Only the standard library and attrs are imported here; no file format, no XML.
"""
