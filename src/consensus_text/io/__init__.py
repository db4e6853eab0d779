"""Input and output backends: DOCX, text, Akoma Ntoso XML, JSON."""
