"""Demo content: the home page, the two tracks, a pre-departure orientation
course (migrant track) and a trainer course (staff track), in Tajik (the source
language) with wagtail-localize translations into every language whose data
files hold all the texts (cms.demo_content.loader.languages): the home and track
pages, the contact cards, the countries and both courses in Russian, English
and Uzbek. Idempotent: what exists is left alone.

The texts live in cms/demo_content/; pictures are drawn here with Pillow and the
videos come from media_pipeline.demo.load_videos()."""

from __future__ import annotations

import io
import uuid

from django.core.files.images import ImageFile
from django.db import transaction
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site

from media_pipeline.demo import load_videos

from .demo_content import common, orientation, trainer
from .demo_content.loader import languages
from .demo_knowledge import load_knowledge
from .models import (
    ContactCard,
    CourseContact,
    CoursePage,
    DestinationCountry,
    HomePage,
    LessonPage,
    ModulePage,
    TrackCollection,
    TrackIndexPage,
)
from .site import site_follow_url
from .translation import translation_apply

SOURCE = "tg"
LANGUAGES = ("tg", "ru", "uz", "en")
ID_NAMESPACE = uuid.UUID("5a5a0f0e-3c1d-4a52-9d5e-7f1e2b3c4d5e")

# Kept for tests/lms/test_site.py and other callers.
HOME_TITLE = common.HOME["title"]["tg"]
HOME_INTRO = common.HOME["intro"]["tg"]


def _locale(code: str) -> Locale:
    return Locale.objects.get(language_code=code)


def _remove_wagtail_welcome_page() -> None:
    """Wagtail's install leaves a plain 'Welcome' page as the site root."""
    for page in Page.objects.filter(depth=2, content_type__model="page"):
        if not page.get_children().exists():
            Site.objects.filter(root_page=page).delete()
            page.delete()


# --- pictures ----------------------------------------------------------------


def _draw(kind: str) -> bytes:
    from PIL import Image, ImageDraw

    width, height = 960, 540
    img = Image.new("RGB", (width, height), (214, 232, 242))
    d = ImageDraw.Draw(img)
    for y in range(height // 2):  # sky
        shade = 200 + int(40 * y / (height / 2))
        d.line([(0, y), (width, y)], fill=(shade - 90, shade - 40, shade))
    d.polygon(
        [
            (0, 330),
            (180, 150),
            (330, 300),
            (500, 120),
            (700, 310),
            (960, 170),
            (960, 540),
            (0, 540),
        ],
        fill=(92, 120, 104),
    )  # mountains
    d.polygon([(180, 150), (225, 195), (140, 190)], fill=(245, 245, 245))
    d.polygon([(500, 120), (550, 170), (455, 165)], fill=(245, 245, 245))
    d.rectangle([0, 420, width, height], fill=(201, 184, 150))
    if kind == "border":
        d.rectangle([560, 300, 590, 470], fill=(80, 80, 80))  # barrier post
        for i in range(8):
            colour = (200, 30, 30) if i % 2 == 0 else (250, 250, 250)
            d.rectangle([590 + i * 40, 330, 630 + i * 40, 350], fill=colour)
        d.rounded_rectangle([170, 250, 420, 500], radius=14, fill=(122, 24, 40))  # passport
        d.ellipse([250, 320, 340, 410], outline=(230, 190, 90), width=6)
        d.rectangle([215, 440, 375, 452], fill=(230, 190, 90))
    elif kind == "classroom":
        d.rectangle([120, 90, 840, 330], fill=(40, 70, 60))  # board
        for i in range(4):
            d.line(
                [(170, 140 + i * 45), (620 - i * 60, 140 + i * 45)], fill=(230, 230, 230), width=6
            )
        for i in range(6):  # learners
            x = 120 + i * 135
            d.ellipse([x, 380, x + 60, 440], fill=(120, 80, 60))
            d.rounded_rectangle([x - 15, 440, x + 75, 540], radius=20, fill=(0, 90, 140))
    else:  # road and plane: the journey
        d.polygon([(430, 540), (530, 540), (490, 420), (470, 420)], fill=(90, 90, 90))
        d.polygon([(640, 90), (820, 60), (830, 75), (660, 110)], fill=(250, 250, 250))
        d.polygon([(720, 75), (700, 30), (725, 30), (760, 70)], fill=(250, 250, 250))
    buffer = io.BytesIO()
    img.save(buffer, format="JPEG", quality=80, optimize=True)
    return buffer.getvalue()


def _images() -> dict:
    Image = get_image_model()
    images = {}
    for key, title in common.IMAGES.items():
        collection = TrackCollection.objects.get(track=common.IMAGE_TRACKS[key]).collection
        image = Image.objects.filter(title=title).first()
        if image is None:
            image = Image(title=title, collection=collection)
            image.file = ImageFile(io.BytesIO(_draw(key)), name=f"safar-{key}.jpg")
            image.save()
        elif image.collection_id != collection.pk:
            image.collection = collection
            image.save(update_fields=["collection"])
        images[key] = image
    return images


# --- snippets -----------------------------------------------------------------


def _snippet_translate(obj, lang: str, fields: dict) -> None:
    locale = _locale(lang)
    if obj.has_translation(locale):
        return
    translated = obj.__class__(**fields)
    translation_apply(source_instance=obj, locale=locale, translated_instance=translated)


def _contact_cards() -> dict[str, ContactCard]:
    tg = _locale(SOURCE)
    cards = {}
    for key, spec in common.CONTACT_CARDS.items():

        def fields(lang, spec=spec):
            return {k: (v[lang] if isinstance(v, dict) else v) for k, v in spec.items()}

        card = ContactCard.objects.filter(locale=tg, name=spec["name"][SOURCE]).first()
        if card is None:
            card = ContactCard.objects.create(locale=tg, **fields(SOURCE))
        for lang in languages(spec):
            _snippet_translate(card, lang, fields(lang))
        cards[key] = card
    return cards


def _countries() -> dict[str, DestinationCountry]:
    tg = _locale(SOURCE)
    countries = {}
    for code, names in common.COUNTRIES.items():
        country, _ = DestinationCountry.objects.get_or_create(
            locale=tg, code=code, defaults={"name": names[SOURCE]}
        )
        for lang in languages(names):
            _snippet_translate(country, lang, {"name": names[lang], "code": code})
        countries[code] = country
    return countries


# --- pages --------------------------------------------------------------------


def _child(parent: Page, model, slug: str, fields: dict):
    """The child with this slug, or a new published one."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    page = parent.add_child(instance=model(slug=slug, **fields))
    page.save_revision().publish()
    return page


def _page_translate(page: Page, lang: str, fields: dict, slug: str | None = None) -> None:
    locale = _locale(lang)
    if page.has_translation(locale):
        return
    translated = page.specific_class(slug=slug or page.slug, **fields)
    translation_apply(source_instance=page, locale=locale, translated_instance=translated)


class _Body:
    """Turns the demo's block descriptions into StreamField data for one
    language. Block (and list item) ids are derived from the lesson, so every
    language has the same ids and wagtail-localize pairs the texts."""

    def __init__(self, context: dict):
        self.context = context  # images, videos, cards

    def build(self, lesson_slug: str, blocks: list, lang: str) -> list[dict]:
        data = []
        for index, (kind, value) in enumerate(blocks):
            block_id = str(uuid.uuid5(ID_NAMESPACE, f"{lesson_slug}/{index}"))
            data.append(
                {"type": kind, "value": self._value(kind, value, lang, block_id), "id": block_id}
            )
        return data

    def _items(self, block_id: str, values: list) -> list[dict]:
        return [
            {"type": "item", "value": v, "id": str(uuid.uuid5(ID_NAMESPACE, f"{block_id}/{i}"))}
            for i, v in enumerate(values)
        ]

    def _value(self, kind: str, value, lang: str, block_id: str):
        t = lambda text: text[lang] if isinstance(text, dict) else text  # noqa: E731
        if kind == "text":
            return t(value)
        if kind == "heading":
            return {"text": t(value), "level": "h2"}
        if kind == "callout":
            style, title, text = value
            return {"kind": style, "title": t(title), "text": t(text)}
        if kind == "checklist":
            title, items = value
            return {"title": t(title), "items": self._items(block_id, [t(i) for i in items])}
        if kind == "faq":
            title, items = value
            questions = [{"question": t(q), "answer": t(a)} for q, a in items]
            return {"title": t(title), "items": self._items(block_id, questions)}
        if kind == "contact":
            return self.context["cards"][value].pk
        if kind == "image":
            key, alt, caption = value
            return {"image": self.context["images"][key].pk, "alt": t(alt), "caption": t(caption)}
        if kind == "video":
            key, caption = value
            return {"video": self.context["videos"][key].pk, "caption": t(caption)}
        if kind == "quiz":
            # The quiz itself is chosen by assessments.demo.load_assessments().
            _title, _key, is_final = value
            return {"quiz": None, "role": "final" if is_final else "lesson"}
        raise ValueError(f"Unknown demo block {kind!r}")


def _course(index: TrackIndexPage, spec: dict, context: dict) -> CoursePage:
    """The course and its pages, translated into every language its data
    files give all the texts of (the orientation course: ru, en, uz)."""
    body = _Body(context)
    course_languages = languages(spec)

    def course_fields(lang):
        return {
            "title": spec["title"][lang],
            "summary": spec["summary"][lang],
            "estimated_minutes": spec["minutes"],
            "cover_image": context["images"][spec["cover"]],
            "certificate_template": spec["certificate"],
        }

    course = _child(index, CoursePage, spec["slug"], course_fields(SOURCE))
    if not course.contacts.exists():
        for key in spec["contacts"]:
            course.contacts.add(CourseContact(card=context["cards"][key]))
        course.destination_countries.set([context["countries"][c] for c in spec["countries"]])
        course.save_revision().publish()
    for lang in course_languages:
        _page_translate(
            course,
            lang,
            {k: v for k, v in course_fields(lang).items() if k in ("title", "summary")},
        )

    for module_spec in spec["modules"]:

        def module_fields(lang, m=module_spec):
            return {"title": m["title"][lang], "summary": m["summary"][lang]}

        module = _child(course, ModulePage, module_spec["slug"], module_fields(SOURCE))
        for lang in course_languages:
            _page_translate(module, lang, module_fields(lang))
        for lesson_spec in module_spec["lessons"]:

            def lesson_fields(lang, ls=lesson_spec):
                return {
                    "title": ls["title"][lang],
                    "summary": ls["summary"][lang],
                    "estimated_minutes": ls.get("minutes", 10),
                    "body": body.build(ls["slug"], ls["body"], lang),
                }

            lesson = _child(module, LessonPage, lesson_spec["slug"], lesson_fields(SOURCE))
            for lang in course_languages:
                _page_translate(lesson, lang, lesson_fields(lang))
    return course


@transaction.atomic
def load_site() -> tuple[HomePage, dict[str, TrackIndexPage]]:
    """The locales, the Tajik home page as the default site's root, its
    translations, and the two track index pages in every language."""
    for code in LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    tg = _locale(SOURCE)
    home = HomePage.objects.filter(locale=tg).first()
    if home is None:
        _remove_wagtail_welcome_page()
        home = Page.get_first_root_node().add_child(
            instance=HomePage(title=HOME_TITLE, slug="home", locale=tg, intro=HOME_INTRO)
        )
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Safar"
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = "Safar"
        site.save()
    site_follow_url()  # hostname and port from SAFAR_SITE_URL
    for lang in LANGUAGES[1:]:
        _page_translate(
            home,
            lang,
            {"title": common.HOME["title"][lang], "intro": common.HOME["intro"][lang]},
            slug=f"home-{lang}",
        )

    tracks = {}
    for track_spec in common.TRACKS:

        def track_fields(lang, t=track_spec):
            return {"title": t["title"][lang], "intro": t["intro"][lang]}

        index = _child(
            home,
            TrackIndexPage,
            track_spec["slug"],
            {"track": track_spec["track"], **track_fields(SOURCE)},
        )
        for lang in LANGUAGES[1:]:
            _page_translate(index, lang, {"track": track_spec["track"], **track_fields(lang)})
        tracks[track_spec["track"]] = index
    return home, tracks


@transaction.atomic
def load_pages() -> HomePage:
    """The whole demo: the site, snippets, pictures and both courses."""
    home, tracks = load_site()
    context = {
        "images": _images(),
        "videos": load_videos(),
        "cards": _contact_cards(),
        "countries": _countries(),
    }
    for spec in (orientation.COURSE, trainer.COURSE):
        _course(tracks[spec["track"]], spec, context)
    load_knowledge(home, context)
    return home
