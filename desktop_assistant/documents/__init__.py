"""Company document search: a catalogue of folders and files, extraction by file type, and a
local full-text index (tantivy) answering in Chinese and English with file-and-page citations.

Kept light to import: the CLI imports ``documents.cli`` on every start, so heavy libraries
(tantivy, pypdf, python-docx …) are imported inside the functions that need them.
"""
