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
    never a half-written one.

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
    fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp_name, 0o666 & ~_umask())  # mkstemp makes 0600; give the usual mode
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
