"""Writing files so that nothing is lost: atomic replace, a lock around read-modify-write, never onto an input.

Every writer in the project goes through here; `os.replace` appears in no other module.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import os
import shutil
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

LOCK_SUFFIX = ".lock"
_DIGEST_SIZE = 16


def version(path: Path) -> tuple[int, int, int] | None:
    """A file's version as a cache key: its mtime (ns), inode and size, or None when it cannot be read. The desk
    replaces a file on each save (atomic_write), so a save is a new inode even within one mtime tick."""
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_mtime_ns, status.st_ino, status.st_size


def digest_bytes(data: bytes) -> str:
    """A file's content hash (blake2b, 16 bytes, hex): the cache key, and how a save sees that a file changed."""
    return hashlib.blake2b(data, digest_size=_DIGEST_SIZE).hexdigest()


def file_digest(path: Path) -> str:
    """digest_bytes of a file's content, read in chunks so a big file costs no memory."""
    digest = hashlib.blake2b(digest_size=_DIGEST_SIZE)
    with Path(path).open("rb") as handle:
        while chunk := handle.read(1 << 24):
            digest.update(chunk)
    return digest.hexdigest()


class WriteRefused(OSError):
    """A write that would destroy data (its own input) or cannot happen where asked; the message says why."""


def _temp_prefix(path: Path) -> str:
    return f".{path.name}."


def _temp_suffix() -> str:
    return ".tmp"


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale_temps(path: Path) -> list[Path]:
    """Temporary files a killed writer of `path` left behind (its pid no longer runs); removed, and returned."""
    removed = []
    prefix = _temp_prefix(path)
    with contextlib.suppress(OSError):
        for candidate in path.parent.iterdir():
            name = candidate.name
            if not (name.startswith(prefix) and name.endswith(_temp_suffix())):
                continue
            pid_text = name[len(prefix) : -len(_temp_suffix())].split(".", 1)[0]
            if pid_text.isdigit() and not _pid_alive(int(pid_text)):
                with contextlib.suppress(OSError):
                    candidate.unlink()
                    removed.append(candidate)
    return removed


def check_target(path: Path, inputs: Iterable[Path] = ()) -> None:
    """Raise WriteRefused unless `path` can be written as a file that is none of `inputs`."""
    path = Path(path)
    for source in inputs:
        source = Path(source)
        same = False
        with contextlib.suppress(OSError):
            same = source.exists() and path.exists() and os.path.samefile(source, path)
        if same or path.resolve() == source.resolve():
            raise WriteRefused(
                errno.EEXIST, f"{path}: refusing to write over the input file {source}; choose another output path"
            )
    if path.is_dir():
        raise WriteRefused(errno.EISDIR, f"{path}: is a folder; give a file name to write")
    parent = path.parent
    if parent.exists() and not parent.is_dir():
        raise WriteRefused(errno.ENOTDIR, f"{path}: {parent} is a file, not a folder")


@contextlib.contextmanager
def atomic_open(path: Path, *, inputs: Iterable[Path] = ()) -> Iterator[BinaryIO]:
    """A binary handle on a temporary file beside `path`; on a clean exit it is fsynced and os.replace-d over
    `path`, on an error removed. For writers that want a file object (Parquet, say) rather than chunks."""
    path = Path(path)
    check_target(path, inputs)
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temps(path)
    handle_fd, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f"{_temp_prefix(path)}{os.getpid()}.", suffix=_temp_suffix()
    )
    try:
        with os.fdopen(handle_fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            shutil.copymode(path, temporary)
        else:
            os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def atomic_write(
    path: Path, chunks: Iterable[bytes | str], *, encoding: str = "utf-8", inputs: Iterable[Path] = ()
) -> None:
    """Write to a temporary file beside `path`, flush and fsync it, then os.replace it over `path`.

    An interrupted write leaves `path` as it was; a temporary file left by a killed writer is removed by the
    next write. The file keeps its permissions. Text chunks are encoded with `encoding`, no newline changes.
    """
    with atomic_open(path, inputs=inputs) as handle:
        for chunk in chunks:
            handle.write(chunk.encode(encoding) if isinstance(chunk, str) else chunk)


def atomic_write_bytes(path: Path, data: bytes, *, inputs: Iterable[Path] = ()) -> None:
    atomic_write(path, [data], inputs=inputs)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


class LockBusy(OSError):
    """The lock was held by another writer for longer than the caller would wait."""


@contextlib.contextmanager
def locked(path: Path, *, timeout: float | None = None) -> Iterator[None]:
    """An exclusive lock for a read-modify-write of `path`, across threads and processes (flock on PATH.lock).

    With a timeout, waits at most that many seconds, then raises LockBusy (a person is waiting on the other
    side; without one, waits as long as it takes). Creates no folder: a mistyped path must leave nothing
    behind, so a missing folder is refused."""
    path = Path(path)
    lock_path = path.with_name(path.name + LOCK_SUFFIX)
    if not lock_path.parent.is_dir():
        raise WriteRefused(errno.ENOENT, f"{path}: folder {lock_path.parent} not found")
    with open(lock_path, "a+b") as handle:
        _acquire(handle.fileno(), timeout)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _acquire(fd: int, timeout: float | None) -> None:
    if timeout is None:
        fcntl.flock(fd, fcntl.LOCK_EX)
        return
    deadline = time.monotonic() + timeout
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise LockBusy(errno.EWOULDBLOCK, "held by another writer") from None
            time.sleep(0.05)
