"""Text files to import: UTF-8 (with or without BOM), UTF-16 with its BOM, or the encoding the
user names. Anything else is reported, never guessed."""

from __future__ import annotations

import contextlib

from ..errors import ImportFileError


def decode(data: bytes, shown: str, encoding: str | None = None) -> str:
    """UTF-8 (with or without BOM), or the encoding the user named; otherwise a clear error."""
    if encoding:
        try:
            return data.decode(encoding)
        except LookupError:  # no such codec, or not a text encoding ('hex', 'rot13')
            raise ImportFileError(
                f"unknown encoding {encoding!r}; e.g. utf-8, cp1256, iso-8859-6, utf-16"
            ) from None
        except UnicodeDecodeError as exc:
            raise ImportFileError(
                f"{shown}: not {encoding} text (byte 0x{data[exc.start]:02x} at offset {exc.start})"
            ) from None
        except (UnicodeError, ValueError) as exc:  # codecs that fail otherwise ('punycode')
            raise ImportFileError(f"{shown}: not {encoding} text ({str(exc)[:120]})") from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        with contextlib.suppress(UnicodeDecodeError):
            return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            f"{shown}: not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "save it as UTF-8, or give its encoding (e.g. --encoding cp1256 for an Arabic "
            "Windows file)"
        ) from None
