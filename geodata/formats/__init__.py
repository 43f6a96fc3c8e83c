"""Every file format Zonemap reads or writes (the layout is being regrouped; see issue 9)."""

from .features import (
    FORMATS,
    SUFFIX,
    WHAT,
    ExportError,
    export,
    export_bytes,
    select,
    suffix_ok,
)
from .records import (
    EXTENSIONS,
    KINDS,
    MAX_BYTES,
    ImportFileError,
    ImportResult,
    read_import,
    read_import_bytes,
)

__all__ = [
    "EXTENSIONS", "FORMATS", "KINDS", "MAX_BYTES", "SUFFIX", "WHAT", "ExportError",
    "ImportFileError", "ImportResult", "export", "export_bytes", "read_import",
    "read_import_bytes", "select", "suffix_ok",
]
