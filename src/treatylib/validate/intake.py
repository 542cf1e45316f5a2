"""Reading one instrument file: what is refused before a byte of it is parsed.

A contribution can hold a FIFO (reading it blocks forever), a device, or a symlink
to a file outside the repository (following it would publish that file). Only
regular `.yaml` files are read, and only up to a size no real file comes near.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .. import yamlio

MAX_BYTES = 5_000_000  # the largest real file is under 100 KB; a 50 MB one took minutes and gigabytes
_KINDS = {
    stat.S_IFDIR: "a directory",
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
}


def refusal(path: Path) -> str | None:
    """Why the file must not be read, or None. lstat only: nothing is opened or followed."""
    try:
        info = path.lstat()
    except OSError as err:
        return f"cannot read: {err.strerror}"
    if stat.S_ISLNK(info.st_mode):
        return "is a symbolic link, not read: instrument files must be regular files (a link may point anywhere)"
    if not stat.S_ISREG(info.st_mode):
        kind = _KINDS.get(stat.S_IFMT(info.st_mode), "a special file")
        return f"is {kind}, not read: instrument files must be regular files"
    if path.suffix != ".yaml":
        return f"only .yaml files are read: rename this {path.suffix or 'file'} file to .yaml"
    if info.st_size > MAX_BYTES:
        return _too_big(info.st_size)
    return None


def read(path: Path):
    """The file's data; YamlError (at line 1 for a refusal) for anything wrong."""
    reason = refusal(path)
    if reason:
        raise yamlio.YamlError(1, reason)
    return yamlio.loads(yamlio.decode(_read_capped(path)))


def _read_capped(path: Path) -> bytes:
    # O_NOFOLLOW and O_NONBLOCK: a file swapped for a link or FIFO after the lstat still cannot be followed or block.
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as err:
        raise yamlio.YamlError(1, f"cannot read: {err.strerror}") from None
    with os.fdopen(fd, "rb") as stream:
        info = os.fstat(stream.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise yamlio.YamlError(1, "is a special file, not read: instrument files must be regular files")
        raw = stream.read(MAX_BYTES + 1)  # a file that grew since the lstat is still capped
    if len(raw) > MAX_BYTES:
        raise yamlio.YamlError(1, _too_big(max(len(raw), info.st_size)))
    return raw


def _too_big(size: int) -> str:
    return f"file is {size:,} bytes: the limit is {MAX_BYTES:,} bytes (5 MB)"


def data_like(folder: Path) -> list[Path]:
    """Every entry of the folder that could be taken for data (*.yaml, *.yml, any case), whatever
    its type: a link, a FIFO or a .yml file is then reported instead of silently skipped. The
    validator, the generator and the command line all list instrument files through this."""
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in (".yaml", ".yml"))
