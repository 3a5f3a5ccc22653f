"""Demo service directory from demo_data/directory.yaml: each organisation in
Tajik (the source) with its Russian translation (wagtail-localize); the demo
counsellor and one referral case of the demo migrant. Idempotent."""

from __future__ import annotations

from pathlib import Path

import yaml
from django.db import transaction
from wagtail.models import Locale

from cms.translation import translation_apply

from .models import Case, Organisation, Service

DATA = Path(__file__).resolve().parent / "demo_data" / "directory.yaml"
TEXT_FIELDS = ("name", "description", "address", "hours")


@transaction.atomic
def load_directory() -> list[Organisation]:
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    tg = Locale.objects.get(language_code="tg")
    loaded = []
    for spec in data["organisations"]:
        facts = {
            "region": spec["region"],
            "districts": spec.get("districts", ""),
            "languages": spec.get("languages", ""),
            "phone": spec.get("phone", ""),
            "website": spec.get("website", ""),
            "messenger_url": spec.get("messenger_url", ""),
            "checked_on": data["checked_on"],
        }
        org = Organisation.objects.filter(locale=tg, name=spec["tg"]["name"]).first()
        if org is None:
            org = Organisation(locale=tg, **facts, **{k: spec["tg"][k] for k in TEXT_FIELDS})
            org.full_clean()
            org.save()
            org.services.set(Service.objects.filter(code__in=spec["services"]))
        for lang in ("ru", "en", "uz"):
            if lang not in spec:
                continue
            locale = Locale.objects.get(language_code=lang)
            if org.has_translation(locale):
                continue
            translated = translation_apply(
                source_instance=org,
                locale=locale,
                translated_instance=Organisation(
                    **facts, **{k: spec[lang][k] for k in TEXT_FIELDS}
                ),
            )
            translated.services.set(org.services.all())
        loaded.append(org)
    return loaded


DEMO_COUNSELLOR = "counsellor"
DEMO_CASE_DETAILS = (
    "Ман аз Россия баргаштам ва мехоҳам дар Бохтар касби кафшергариро омӯзам, "
    "то боз ба кор равам."
)


def load_cases() -> Case | None:
    """The demo counsellor (group "MRC counsellors") and one referral case of the
    demo migrant carried from request to closed, through the services (so the
    SMS are logged and the xAPI statements stored). Idempotent."""
    from django.contrib.auth.models import Group

    from accounts.demo import DEMO_PASSWORD
    from accounts.models import User

    from . import services

    migrant = User.objects.filter(username="migrant").first()
    organisation = Organisation.objects.filter(
        locale__language_code="tg", name="Маркази таълими калонсолон, филиали Бохтар"
    ).first()
    if migrant is None or organisation is None:
        return None
    counsellor, created = User.objects.get_or_create(
        username=DEMO_COUNSELLOR,
        defaults={
            "email": "counsellor@mrc-tajikistan.org",
            "first_name": "Малика",
            "last_name": "Назарова",
            "is_staff": True,
            "preferred_language": "tg",
        },
    )
    if created:
        counsellor.set_password(DEMO_PASSWORD)
        counsellor.save(update_fields=["password"])
    counsellor.groups.add(Group.objects.get(name="MRC counsellors"))
    case = Case.objects.filter(user=migrant, details=DEMO_CASE_DETAILS).first()
    if case is not None:
        return case
    with transaction.atomic():
        case = services.case_request(
            user=migrant,
            topic="vocational",
            details=DEMO_CASE_DETAILS,
            region="khatlon",
            district="Бохтар",
            language="tg",
        )
        services.case_open(case=case, user=counsellor)
        services.counselling_record(
            case=case,
            counsellor=counsellor,
            mode="phone",
            topic="reintegration",
            notes="Курси 3-моҳаи кафшергарӣ дар Бохтар мувофиқ аст; ҳуҷҷатҳо: шиноснома.",
        )
        services.referral_make(
            case=case,
            counsellor=counsellor,
            organisation_id=organisation.pk,
            note="Ба курси кафшергарӣ, гурӯҳи моҳи январ.",
        )
        services.case_close(case=case, closed_by=counsellor)
    case.refresh_from_db()
    return case
