"""Reports to draft events: the reading pipeline (see docs/extraction.md)."""

from ..errors import ExtractionError
from .pipeline import Extractor
from .results import MAX_CHARS, Extracted, Extraction, check_text, source_for

__all__ = ["MAX_CHARS", "Extracted", "Extraction", "ExtractionError", "Extractor", "check_text",
           "source_for"]
