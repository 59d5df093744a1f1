"""Opening files the tool reads, and file-system errors in words a teacher can act on.

Every path the tool reads (units, images, fonts, cache entries) is opened with
`open_regular`: a FIFO would block the build forever and a device could be read without
end, so anything but a regular file is refused before a byte is read. The check is made on
the opened descriptor (no window between a check and the open).
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO


class NotRegularFile(OSError):
    """The path names a folder, FIFO, device or socket."""


def kind_of(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO, a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def open_regular(path: str | Path) -> BinaryIO:
    """Open `path` for reading in binary, only if it is a regular file.

    O_NONBLOCK makes opening a FIFO return at once instead of waiting for a writer; the
    descriptor is made blocking again once we know it is a regular file.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegularFile(errno.EINVAL, f"not a regular file (it is {kind_of(mode)})", str(path))
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def is_regular(path: str | Path) -> bool:
    """True for a regular file (following symlinks); False for anything else or an error."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


_CAUSES = {
    errno.ENOSPC: "out of disk space",
    errno.EDQUOT: "disk quota exceeded",
    errno.EACCES: "permission denied",
    errno.EPERM: "operation not permitted",
    errno.EROFS: "the file system is read-only",
    errno.ENOTDIR: "a part of the path is not a folder",
    errno.EISDIR: "it is a folder",
    errno.ENOENT: "no such file or folder",
    errno.ELOOP: "too many symbolic links (a loop?)",
    errno.ENAMETOOLONG: "the name is too long",
    errno.EEXIST: "it already exists",
    errno.EMFILE: "too many open files",
    errno.EIO: "input/output error (a failing disk or a disconnected drive?)",
}


def cause(exc: BaseException) -> str:
    """The reason of an OSError in plain words (no errno numbers, no Python names)."""
    if isinstance(exc, NotRegularFile):
        return exc.strerror or "not a regular file"
    if isinstance(exc, OSError):
        if exc.errno in _CAUSES:
            return _CAUSES[exc.errno]
        if exc.strerror:
            return exc.strerror[:1].lower() + exc.strerror[1:]
    if isinstance(exc, UnicodeError):
        return "the name cannot be encoded for this file system"
    return str(exc) or type(exc).__name__


_HINTS = {
    errno.ENOSPC: "free some disk space (or choose another output folder with -o) and build again",
    errno.EDQUOT: "free some space within your quota (or choose another output folder with -o)",
    errno.EACCES: "check the permissions (ls -ld), or choose another output folder with -o",
    errno.EPERM: "check the permissions (ls -ld), or choose another output folder with -o",
    errno.EROFS: "choose an output folder on a writable drive with -o",
    errno.EISDIR: "a folder has the name this file needs: move or rename that folder",
    errno.ENOTDIR: "a file has the name a folder on this path needs: move or rename that file",
}


def hint(exc: BaseException) -> str | None:
    """What to do about a file-system error, when there is something to say."""
    return _HINTS.get(getattr(exc, "errno", None) or -1)
