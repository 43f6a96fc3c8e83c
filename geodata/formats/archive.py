"""The archive guard: zip files (KMZ, zipped Shapefiles) are checked before anything is
extracted, and extraction stops at the sizes the archive declared.

Refused: members that would land outside the extraction folder (zip-slip), symbolic links,
encrypted members, more than `MAX_MEMBERS` members, more than `MAX_UNZIPPED` bytes in all or a
member compressed more than `MAX_RATIO`:1 (zip bombs), a member that unpacks to more than it
declared, and corrupt members. Every refusal is an `ImportFileError` naming the member.
"""

from __future__ import annotations

import re
import stat
import zipfile
from pathlib import Path, PurePosixPath

from ..errors import ImportFileError

MAX_UNZIPPED = 200 * 1024 * 1024  # everything in an archive, uncompressed
MAX_RATIO = 100  # uncompressed / compressed size of one archive member
MAX_MEMBERS = 1000
CHUNK = 1 << 16


def safe_extract(archive: Path, dest: Path, shown: str) -> list[Path]:
    """Extract a zip archive into `dest`, refusing zip-slip, links, bombs and encryption."""
    try:
        zf = zipfile.ZipFile(archive)
    except Exception as exc:  # BadZipFile, NotImplementedError ("zip file version 23.6"), ...
        raise ImportFileError(
            f"{shown}: not a readable zip archive ({str(exc)[:200] or type(exc).__name__})"
        ) from None
    with zf:
        infos = zf.infolist()
        _check_members(infos, shown)
        root = dest.resolve()
        return [_extract(zf, info, root, shown) for info in infos if not info.is_dir()]


def only_member(files: list[Path], suffixes: tuple[str, ...], shown: str, what: str) -> Path:
    """The one file of the archive with one of `suffixes` (macOS `._` files aside)."""
    found = [f for f in files if f.suffix.lower() in suffixes and not f.name.startswith("._")]
    if not found:
        raise ImportFileError(f"{shown}: no {what} ({'/'.join(suffixes)}) in the archive")
    if len(found) > 1:
        names = ", ".join(sorted(f.name for f in found))
        raise ImportFileError(
            f"{shown}: several {what} files in the archive ({names}); import them one at a time"
        )
    return found[0]


def _outside(shown: str, member: str) -> str:
    return f"{shown}: refused: member {member!r} would be written outside the extraction folder (zip-slip)"


def _check_members(infos: list[zipfile.ZipInfo], shown: str) -> None:
    """Refuse the archive from its table of contents, before anything is extracted."""
    if len(infos) > MAX_MEMBERS:
        raise ImportFileError(
            f"{shown}: refused: {len(infos)} members in the archive (at most {MAX_MEMBERS})"
        )
    total = 0
    for info in infos:
        name = info.filename.replace("\\", "/")
        parts = PurePosixPath(name).parts
        if name.startswith("/") or ".." in parts or re.match(r"^[A-Za-z]:", name) or "\x00" in name:
            raise ImportFileError(_outside(shown, info.filename))
        if stat.S_ISLNK(info.external_attr >> 16):
            raise ImportFileError(f"{shown}: refused: member {info.filename!r} is a symbolic link")
        if info.flag_bits & 0x1:
            raise ImportFileError(
                f"{shown}: member {info.filename!r} is encrypted; zip it without a password"
            )
        total += info.file_size
        if total > MAX_UNZIPPED:
            raise ImportFileError(
                f"{shown}: refused: the archive unpacks to more than {MAX_UNZIPPED / 1e6:.0f} MB (zip bomb?)"
            )
        if info.file_size > 1_000_000 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise ImportFileError(
                f"{shown}: refused: member {info.filename!r} is compressed "
                f"{info.file_size // max(info.compress_size, 1)}:1 "
                "(zip bomb?)"
            )


def _extract(zf: zipfile.ZipFile, info: zipfile.ZipInfo, root: Path, shown: str) -> Path:
    """One member, written no further than its declared size."""
    target = (root / info.filename.replace("\\", "/")).resolve()
    if root not in target.parents:
        raise ImportFileError(_outside(shown, info.filename))
    target.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    try:
        with zf.open(info) as src, target.open("wb") as dst:
            while chunk := src.read(CHUNK):
                written += len(chunk)
                if written > info.file_size:
                    raise ImportFileError(
                        f"{shown}: refused: member {info.filename!r} unpacks to more than its declared size"
                    )
                dst.write(chunk)
    except ImportFileError:
        raise
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, ValueError, RuntimeError) as exc:
        raise ImportFileError(
            f"{shown}: member {info.filename!r} cannot be extracted ({exc or type(exc).__name__})"
        ) from None
    except Exception as exc:  # zlib.error, lzma/bz2 errors on corrupt data
        raise ImportFileError(
            f"{shown}: member {info.filename!r} is corrupt ({exc or type(exc).__name__})"
        ) from None
    return target
