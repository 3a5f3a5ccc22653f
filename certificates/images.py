"""Pillow normalisation of template images, so that a 20 MB upload does not
make 20 MB certificates: backgrounds become an A4-landscape JPEG of bounded
size and quality, logos and signatures small PNGs (transparency kept)."""

from __future__ import annotations

import io
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

# A4 landscape at ~106 dpi: sharp enough behind text, ~50–120 KB as JPEG.
BACKGROUND_SIZE = (1240, 877)
BACKGROUND_QUALITY = 70
# Quality steps down until the background fits this budget, so that every
# certificate stays under 200 KB whatever was uploaded (even a noisy photo).
BACKGROUND_MAX_BYTES = 110_000
LOGO_MAX = (400, 400)
SIGNATURE_MAX = (600, 220)
MAX_PIXELS = 60_000_000  # refuse decompression bombs before decoding


def _open(upload) -> Image.Image:
    try:
        upload.seek(0)
        image = Image.open(upload)
        if image.width * image.height > MAX_PIXELS:
            raise ValidationError(_("The image is too large (more than 60 megapixels)."))
        image.load()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise ValidationError(
            _("This file is not an image Safar can read (use JPEG or PNG).")
        ) from exc
    return ImageOps.exif_transpose(image)


def _name(upload, suffix: str) -> str:
    stem = PurePath(getattr(upload, "name", "") or "image").stem[:60] or "image"
    return f"{stem}{suffix}"


def normalise_background(upload) -> ContentFile:
    image = _open(upload).convert("RGB")
    image = ImageOps.fit(image, BACKGROUND_SIZE, method=Image.Resampling.LANCZOS)
    for quality in (BACKGROUND_QUALITY, 55, 40, 30, 20):
        out = io.BytesIO()
        image.save(out, "JPEG", quality=quality, optimize=True, progressive=True)
        if out.tell() <= BACKGROUND_MAX_BYTES:
            break
    else:  # still too big (extreme noise): a smaller picture, scaled up in the PDF
        out = io.BytesIO()
        image.resize((BACKGROUND_SIZE[0] // 2, BACKGROUND_SIZE[1] // 2)).save(
            out, "JPEG", quality=40, optimize=True
        )
    return ContentFile(out.getvalue(), name=_name(upload, ".jpg"))


def normalise_mark(upload, *, max_size=LOGO_MAX) -> ContentFile:
    """A logo or a signature: bounded size, PNG, transparency kept."""
    image = _open(upload)
    image = image.convert("RGBA" if "A" in image.getbands() or image.mode == "P" else "RGB")
    image.thumbnail(max_size, Image.Resampling.LANCZOS)
    if image.mode == "RGBA":
        # Fewer colours keep a signature scan small; transparency survives.
        image = image.quantize(colors=64, method=Image.Quantize.FASTOCTREE)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return ContentFile(out.getvalue(), name=_name(upload, ".png"))
