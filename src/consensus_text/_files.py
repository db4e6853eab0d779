"""Writing files so that nothing is lost: atomic replacement through a temporary file."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import BinaryIO

from consensus_text.errors import ExportError

__all__ = ["write_output"]


def write_output(data: bytes, out: str | os.PathLike[str] | BinaryIO) -> None:
    """Write ``data`` to a binary stream, or atomically to a path.

    A path is written through a temporary file in the same directory, flushed to disk, then
    moved over the target with :func:`os.replace`: readers see the old file or the new one,
    never a half-written one. A replaced file keeps its mode; a new one gets the usual mode
    (``0o666`` less the umask), not the private mode of the temporary file.

    Raises:
        ExportError: the directory does not exist or cannot be written.
    """
    if not isinstance(out, str | os.PathLike):
        out.write(data)
        return
    target = Path(out)
    directory = target.parent
    if not directory.is_dir():
        raise ExportError(
            f"cannot write {str(target)!r}: directory {str(directory)!r} does not exist",
            hint="create the directory first or choose another path",
        )
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise ExportError(
            f"cannot write {str(target)!r}: {exc.strerror or exc}",
            hint="check the directory's permissions",
        ) from exc
    try:
        mode = target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~_umask()
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        if isinstance(exc, OSError):
            raise ExportError(
                f"cannot write {str(target)!r}: {exc.strerror or exc}",
                hint="check the path and its permissions",
            ) from exc
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
