"""Reports to draft events: the reading pipeline (see docs/extraction.md)."""

from .pipeline import (
    MAX_CHARS,
    Extracted,
    Extraction,
    ExtractionError,
    Extractor,
    check_text,
    source_for,
)

__all__ = ["MAX_CHARS", "Extracted", "Extraction", "ExtractionError", "Extractor", "check_text",
           "source_for"]
