"""Poster and thumbnails with Pillow: resized, optimised progressive JPEGs."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

POSTER_MAX_WIDTH = 1280
THUMBNAIL_WIDTHS = (160, 320, 640)
JPEG_OPTIONS = {"format": "JPEG", "quality": 78, "optimize": True, "progressive": True}


def _save(image: Image.Image, path: Path, width: int) -> None:
    if image.width > width:
        height = max(1, round(image.height * width / image.width))
        image = image.resize((width, height), Image.Resampling.LANCZOS)
    image.save(path, **JPEG_OPTIONS)


def make_poster_and_thumbnails(source: Path, out_dir: Path) -> dict:
    """poster.jpg (at most 1280 px wide) and thumb-<width>.jpg for each width not
    larger than the frame itself. Paths in the result are relative to out_dir."""
    with Image.open(source) as opened:
        image = opened.convert("RGB")
    poster = "poster.jpg"
    _save(image, out_dir / poster, POSTER_MAX_WIDTH)
    thumbnails = {}
    for width in THUMBNAIL_WIDTHS:
        if width < image.width or not thumbnails:
            name = f"thumb-{width}.jpg"
            _save(image, out_dir / name, width)
            thumbnails[str(width)] = name
    with Image.open(out_dir / poster) as saved:
        size = saved.size
    return {"poster": poster, "thumbnails": thumbnails, "width": size[0], "height": size[1]}
