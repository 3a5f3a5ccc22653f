"""Builders for pages and media used by tests across apps (import them as
`from tests.builders import ...`)."""

from __future__ import annotations

import io
from types import SimpleNamespace

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from cms.models import ContactCard, CoursePage, LessonPage, ModulePage

TEST_PASSWORD = "x-pass-2027"


def make_people():
    """The cast most tests need: a superuser, two migrants, a verified and an
    unverified ministry-staff member."""
    from django.utils import timezone

    from accounts.models import StaffProfile, User

    admin = User.objects.create_superuser("root", "root@example.org", TEST_PASSWORD)
    migrant = User.objects.create_user("migrant1", password=TEST_PASSWORD)
    other = User.objects.create_user("migrant2", password=TEST_PASSWORD)
    staff = User.objects.create_user("staff1", password=TEST_PASSWORD, account_type="staff")
    StaffProfile.objects.create(
        user=staff,
        organisation="Migration Service",
        position="Inspector",
        verified_at=timezone.now(),
        verified_by=admin,
    )
    unverified = User.objects.create_user("staff2", password=TEST_PASSWORD, account_type="staff")
    StaffProfile.objects.create(user=unverified, organisation="Migration Service", position="X")
    return SimpleNamespace(
        admin=admin, migrant=migrant, other=other, staff=staff, unverified=unverified
    )


def make_image(title="Test image", size=(1200, 600)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (0, 90, 140)).save(buffer, format="PNG")
    image = get_image_model()(title=title)
    image.file = ImageFile(buffer, name="test.png")
    image.save()
    return image


def make_document(title="Hand-out", name="hand-out.pdf", content=b"%PDF-1.4 test"):
    document = get_document_model()(title=title)
    document.file = ContentFile(content, name=name)
    document.save()
    return document


def make_video(title="Clip"):
    from media_pipeline.models import Video

    return Video.objects.create(title=title, original=ContentFile(b"\0" * 16, name="clip.mp4"))


def make_card(**fields):
    fields.setdefault("name", "Migrant Resource Centre")
    fields.setdefault("kind", ContactCard.Kind.MRC)
    fields.setdefault("address", "Borbad street 71, 5th floor, Dushanbe")
    fields.setdefault("phone", "+992 00 000 0000")
    fields.setdefault("email", "info@mrc-tajikistan.org")
    return ContactCard.objects.create(**fields)


def text_body(text="<p>Ҳуҷҷатҳоро санҷед: ғ ӣ қ ӯ ҳ ҷ.</p>"):
    return [{"type": "text", "value": text}]


def make_course(index, *, title="Course", slug="course", modules=1, lessons=1, body=None, **fields):
    """A live course with `modules` modules of `lessons` lessons each."""
    fields.setdefault("summary", "A summary")
    course = index.add_child(instance=CoursePage(title=title, slug=slug, **fields))
    for m in range(1, modules + 1):
        module = course.add_child(
            instance=ModulePage(title=f"{title}: module {m}", slug=f"module-{m}")
        )
        for n in range(1, lessons + 1):
            module.add_child(
                instance=LessonPage(
                    title=f"{title}: lesson {m}.{n}",
                    slug=f"lesson-{m}-{n}",
                    body=body if body is not None else text_body(),
                )
            )
    return CoursePage.objects.get(pk=course.pk)


def use_the_workers_storage(settings) -> None:
    """Point this test's storage where the real worker process writes (its own
    test settings), not at the per-test folder or prefix of `_media_in_tmp`."""
    from lms.settings import test as test_settings

    settings.MEDIA_ROOT = test_settings.MEDIA_ROOT
    settings.STORAGES = test_settings.STORAGES


def extra_scripts(html: str) -> list[str]:
    """The page's <script> tags other than the site-wide offline script
    (lms/static/safar/offline.js, which only adds: every page works without
    it). Pages readable without JavaScript have none."""
    import re

    tags = re.findall(r"<script\b[^>]*>", html)
    return [
        tag for tag in tags
        if not re.search(r'src="[^"]*/static/safar/offline(\.[0-9a-f]+)?\.js"', tag)
    ]  # fmt: skip


def executable_inline_scripts(html: str) -> list[str]:
    """The page's inline scripts a browser would run, which Safar's CSP
    (script-src 'self') blocks: no `src`, a JavaScript type, some code. Data
    blocks (application/json, form templates) are not run and not counted."""
    import re

    from bs4 import BeautifulSoup

    javascript = re.compile(r"^(text/javascript|module|application/javascript)?$", re.I)
    return [
        str(script)[:200]
        for script in BeautifulSoup(html, "html.parser").find_all("script")
        if not script.get("src")
        and javascript.match(script.get("type", "").strip())
        and script.get_text().strip()
    ]
