"""Putting finished files in place atomically.

A PDF is written to a file in the same folder that has no name yet (Linux O_TMPFILE),
flushed to disk, given a temporary name and renamed over the old one in two quick steps.
A build that fails or is killed, even with SIGKILL, never leaves a half-written file, and
two builds at once never interleave their bytes. Where O_TMPFILE is missing we fall back
to a named temporary file; names carry the writer's pid so a later build can remove what a
killed one left.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

TMP_SUFFIX = ".tmp"


def _temp_name(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}{TMP_SUFFIX}")


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temps(path)
    tmp = _temp_name(path)
    fd = _open_unnamed(path.parent)
    named = fd is None
    if named:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
        if not named:
            os.fchmod(fd, 0o644)
            _link_fd(fd, tmp)  # complete before it has a name
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    finally:
        os.close(fd)


def _link_fd(fd: int, target: Path) -> None:
    """Give the unnamed file `fd` a name (linkat with AT_SYMLINK_FOLLOW on /proc/self/fd)."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    at_fdcwd, at_symlink_follow = -100, 0x400
    if libc.linkat(at_fdcwd, f"/proc/self/fd/{fd}".encode(), at_fdcwd, os.fsencode(target),
                   at_symlink_follow) != 0:
        err = ctypes.get_errno()
        raise OSError(err, os.strerror(err), str(target))


def _open_unnamed(folder: Path) -> int | None:
    flag = getattr(os, "O_TMPFILE", 0)
    if not flag or not os.path.isdir("/proc/self/fd"):
        return None
    try:
        return os.open(folder, flag | os.O_WRONLY, 0o644)
    except OSError:  # file system without O_TMPFILE support
        return None


def remove_stale_temps(path: Path) -> None:
    """Remove temporary files of `path` left by writers that no longer run."""
    for tmp in path.parent.glob(f".{path.name}.*{TMP_SUFFIX}"):
        try:
            pid = int(tmp.name[len(path.name) + 2:].split(".")[0])
        except ValueError:
            continue
        if pid != os.getpid() and not _alive(pid):
            try:
                tmp.unlink()
            except FileNotFoundError:
                pass


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
