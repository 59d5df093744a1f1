"""Putting finished files in place: all of a build's files or none of them.

`write_all` first writes every new file completely to the folder it belongs in, as a file
that has no name yet (Linux O_TMPFILE; elsewhere a temporary name), flushed to disk. Only
when every one of them is written are they renamed over the old files, in one quick pass.
Any failure before that (disk full, a folder where a PDF should go, no permission) removes
what was written and leaves every old file as it was: a student edition is never replaced
while its teacher edition stays old. Should a rename itself fail, the files already
replaced are put back from hard links made just before (`.NAME.PID.XXXX.tmp`).

A build killed even with SIGKILL never leaves a half-written file: unnamed files vanish
with the process, and named temporaries carry the writer's pid, so a later build removes
what a killed one left.
"""

from __future__ import annotations

import errno
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .files import cause

TMP_SUFFIX = ".tmp"


class WriteFailed(Exception):
    """A build's files could not all be written; none of the old files was replaced."""

    def __init__(self, path: Path, exc: BaseException):
        self.path, self.exc = path, exc
        super().__init__(f"{cause(exc)} writing {path}; nothing was replaced")


def _temp_name(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}{TMP_SUFFIX}")


@dataclass
class _Staged:
    target: Path
    fd: int | None = None      # an unnamed file (O_TMPFILE), named only when committing
    temp: Path | None = None   # a named temporary file
    backup: Path | None = None  # a hard link to the old file while renaming


def write_atomic(path: Path, data: bytes) -> None:
    """Write one file all or nothing (see `write_all`)."""
    write_all([(path, data)])


def write_all(files: Iterable[tuple[Path, bytes]]) -> None:
    """Write every (path, bytes) pair, or, on any failure, none: raises WriteFailed."""
    staged: list[_Staged] = []
    try:
        for target, data in files:
            staged.append(_Staged(target))
            _stage(staged[-1], data)
    except OSError as exc:
        _discard(staged)
        raise WriteFailed(staged[-1].target, exc) from exc
    except BaseException:
        _discard(staged)
        raise
    _commit(staged)


def _stage(s: _Staged, data: bytes) -> None:
    """Write `data` in full to a new file beside s.target; the old file is not touched."""
    folder = s.target.parent
    folder.mkdir(parents=True, exist_ok=True)
    if s.target.is_dir():  # os.replace would fail only at commit time
        raise IsADirectoryError(errno.EISDIR, "Is a directory", str(s.target))
    remove_stale_temps(s.target)
    s.fd = _open_unnamed(folder)
    if s.fd is None:
        s.temp = _temp_name(s.target)
        s.fd = os.open(s.temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    view = memoryview(data)
    while view:
        view = view[os.write(s.fd, view):]
    os.fsync(s.fd)
    if s.temp is None:
        os.fchmod(s.fd, 0o644)


def _commit(staged: list[_Staged]) -> None:
    """Name every staged file, keep a link to each old file, then rename all; undo on failure."""
    done: list[_Staged] = []
    current = staged[0].target if staged else Path()
    try:
        for s in staged:
            current = s.target
            if s.temp is None:
                s.temp = _temp_name(s.target)
                assert s.fd is not None
                _link_fd(s.fd, s.temp)  # complete before it has a name
            _close(s)
        for s in staged:
            current = s.target
            if os.path.lexists(s.target):
                backup = _temp_name(s.target)
                try:
                    os.link(s.target, backup, follow_symlinks=False)
                    s.backup = backup
                except OSError:  # no hard links here (FAT, some network drives): no undo
                    pass
        for s in staged:
            current = s.target
            assert s.temp is not None
            os.replace(s.temp, s.target)
            s.temp = None
            done.append(s)
    except BaseException as exc:
        for s in reversed(done):  # put the old files back
            try:
                if s.backup is not None:
                    os.replace(s.backup, s.target)
                    s.backup = None
                else:
                    os.unlink(s.target)
            except OSError:
                pass
        _discard(staged)
        if isinstance(exc, OSError):
            raise WriteFailed(current, exc) from exc
        raise
    for s in staged:
        _remove(s.backup)
    _sync_folders({s.target.parent for s in staged})


def _discard(staged: list[_Staged]) -> None:
    for s in staged:
        _close(s)
        _remove(s.temp)
        _remove(s.backup)
        s.temp = s.backup = None


def _close(s: _Staged) -> None:
    if s.fd is not None:
        try:
            os.close(s.fd)
        except OSError:
            pass
        s.fd = None


def _remove(path: Path | None) -> None:
    if path is not None:
        try:
            os.unlink(path)
        except OSError:
            pass


def probe_folder(folder: Path) -> None:
    """Create and remove a file in `folder`: raises the OSError a real write would meet."""
    fd = _open_unnamed(folder)
    if fd is not None:
        os.close(fd)
        return
    tmp = _temp_name(folder / "probe")
    os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644))
    os.unlink(tmp)


def _sync_folders(folders: set[Path]) -> None:
    """Make the renames durable (a power cut right after a build keeps the new files)."""
    for folder in folders:
        try:
            fd = os.open(folder, os.O_RDONLY)
        except OSError:
            continue
        try:
            os.fsync(fd)
        except OSError:
            pass
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
    except OSError as exc:
        if exc.errno in (errno.EOPNOTSUPP, errno.EINVAL, errno.EISDIR):  # no O_TMPFILE support here
            return None
        raise  # no permission, read-only, full: the named fallback would fail the same way


def remove_stale_temps(path: Path) -> None:
    """Remove temporary files of `path` left by writers that no longer run."""
    try:
        stale = list(path.parent.glob(f".{path.name}.*{TMP_SUFFIX}"))
    except OSError:
        return
    for tmp in stale:
        try:
            pid = int(tmp.name[len(path.name) + 2:].split(".")[0])
        except ValueError:
            continue
        if pid != os.getpid() and not _alive(pid):
            try:
                tmp.unlink()
            except OSError:
                pass


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
