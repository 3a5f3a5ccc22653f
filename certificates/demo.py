"""Demo certificate templates (orientation and trainer), with a logo and
signatures drawn by Pillow at load time (no binaries in the repository).
Safe to run again: templates are matched by key and left as edited."""

from __future__ import annotations

import io
import math

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

from core.names import issuer_text

from .images import SIGNATURE_MAX, normalise_mark
from .models import CertificateTemplate, Signatory

LANGUAGES = ("tg", "ru", "uz", "en")

SIGNATORIES = [
    {
        "name": "Фаррух Раҳимов",
        "title_tg": "Директори Маркази захиравии муҳоҷирон",
        "title_ru": "Директор Ресурсного центра для мигрантов",
        "title_uz": "Migrantlar resurs markazi direktori",
        "title_en": "Director, Migrant Resource Centre",
        "seed": 3,
    },
    {
        "name": "Нилуфар Саидова",
        "title_tg": "Сардори раёсати муҳоҷирати меҳнатӣ, Вазорати меҳнат",
        "title_ru": "Начальник управления трудовой миграции, Министерство труда",
        "title_uz": "Mehnat migratsiyasi boshqarmasi boshlig'i, Mehnat vazirligi",
        "title_en": "Head of Labour Migration Department, Ministry of Labour",
        "seed": 7,
    },
]

TEMPLATES = [
    {
        "key": "orientation",
        "name": "Pre-departure orientation certificate",
        "track": "migrant",
        "serial_code": "PDO",
        "languages": "tg,ru,uz,en",
        "validity_months": None,
    },
    {
        "key": "trainer",
        "name": "Certified pre-departure trainer",
        "track": "staff",
        "serial_code": "TOT",
        "languages": "tg,ru,en",
        "validity_months": 36,
    },
]


def _png(image: Image.Image, name: str) -> ContentFile:
    out = io.BytesIO()
    image.save(out, "PNG")
    out.seek(0)
    out.name = name
    return out


def make_signature(seed: int) -> ContentFile:
    """A pen-like scribble on a transparent background."""
    image = Image.new("RGBA", (900, 300), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    points = []
    for i in range(240):
        t = i / 239
        x = 60 + 780 * t
        y = 150 + 70 * math.sin(t * (9 + seed) + seed) * math.exp(-t) + 30 * math.sin(t * 31 + seed)
        points.append((x, y))
    draw.line(points, fill=(20, 40, 110, 255), width=7, joint="curve")
    draw.line([(140, 230), (720, 215)], fill=(20, 40, 110, 255), width=5)
    return normalise_mark(_png(image, f"signature-{seed}.png"), max_size=SIGNATURE_MAX)


def make_logo() -> ContentFile:
    """A round emblem: green ring, a sun, a road to the horizon."""
    size = 400
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse(
        [8, 8, size - 8, size - 8], fill=(255, 255, 255, 255), outline=(11, 110, 79, 255), width=22
    )
    draw.ellipse([140, 70, 260, 190], fill=(230, 170, 30, 255))
    draw.polygon([(60, 300), (340, 300), (215, 190), (185, 190)], fill=(11, 110, 79, 255))
    draw.rectangle([60, 300, 340, 318], fill=(192, 35, 40, 255))
    return normalise_mark(_png(image, "mrc-logo.png"))


def load_certificates() -> list[CertificateTemplate]:
    templates = []
    logo = None
    for spec in TEMPLATES:
        # The issuer is the centre's one name, as the site writes it (core.names).
        issuer = {f"issuer_{code}": issuer_text(code) for code in LANGUAGES}
        template, created = CertificateTemplate.objects.get_or_create(
            key=spec["key"],
            defaults={**{k: v for k, v in spec.items() if k != "key"}, **issuer},
        )
        if not created and any(getattr(template, k) != v for k, v in issuer.items()):
            CertificateTemplate.objects.filter(pk=template.pk).update(**issuer)
            template.refresh_from_db()
        if created:
            logo = logo or make_logo()
            template.logo.save(f"mrc-logo-{spec['key']}.png", logo, save=True)
            for order, person in enumerate(SIGNATORIES):
                signatory = Signatory(
                    template=template,
                    sort_order=order,
                    **{k: v for k, v in person.items() if k != "seed"},
                )
                signatory.signature.save(
                    f"signature-{person['seed']}.png", make_signature(person["seed"]), save=False
                )
                signatory.save()
        templates.append(template)
    return templates
