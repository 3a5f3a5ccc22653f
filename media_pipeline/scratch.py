"""Per-job scratch folders: where a run keeps its private copy of the upload and
its outputs until they are published. ffmpeg and PyAV read only that copy (so a
path inside an upload can point at nothing of the machine's but the folder the
run made, which holds nothing but the copy).

A folder is removed when its run ends; one left by a killed run (kill -9, OOM,
a machine restart) is removed by `stale_remove`, which the worker calls when it
starts and the stall sweep calls every few minutes (see stalls.py).

No Django models here.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

PREFIX = "safar-video-"
COPY_CHUNK = 1024 * 1024
ORIGINAL = "original"  # the private copy's name: no suffix, no pattern, no path


def root(work_dir: str | os.PathLike | None = None) -> Path:
    folder = Path(work_dir or tempfile.gettempdir())
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def folder_name(video_uuid, token) -> str:
    return f"{PREFIX}{video_uuid}-{token}"


@contextlib.contextmanager
def job_folder(base: Path, name: str) -> Iterator[Path]:
    """A fresh private folder (mode 700) under `base`, removed afterwards."""
    folder = base / name
    folder.mkdir(mode=0o700)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def private_copy(source, folder: Path) -> Path:
    """Copy the open binary file `source` into `folder` as `original` (mode 600),
    in 1 MB chunks; the copy's path."""
    target = folder / ORIGINAL
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as copy:
        shutil.copyfileobj(source, copy, COPY_CHUNK)
    return target


def stale_remove(base: Path, *, older_than_seconds: float, keep=()) -> list[str]:
    """Remove scratch folders under `base` not touched for `older_than_seconds`
    (whatever their video), except those named in `keep`; their names."""
    removed = []
    limit = time.time() - older_than_seconds
    for folder in base.glob(f"{PREFIX}*"):
        if folder.name in keep or not folder.is_dir():
            continue
        try:
            newest = max([folder.stat().st_mtime, *(p.stat().st_mtime for p in folder.rglob("*"))])
        except OSError:  # removed meanwhile
            continue
        if newest < limit:
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder.name)
    return removed
