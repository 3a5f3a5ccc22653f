"""Writing translations through wagtail-localize (services).

Authors normally translate in the admin ("Translate this page"); this is the
same machinery for code: the demo loader and the tests. The source object is
segmented by wagtail-localize; `translated_instance` is an unsaved object of the
same shape (same blocks, same block ids, same paragraphs) written in the target
language, whose text segments become the translations. Images, videos, contact
cards and every other non-text value stay synchronised with the source.
"""

from __future__ import annotations

from django.db import transaction
from wagtail.models import DraftStateMixin, Locale
from wagtail_localize.models import (
    String,
    StringTranslation,
    Translation,
    TranslationContext,
    TranslationSource,
)
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments


class TranslationShapeError(ValueError):
    """The translated text does not have the same shape as the source."""


def _string_segments(instance) -> list[StringSegmentValue]:
    return [s for s in extract_segments(instance) if isinstance(s, StringSegmentValue)]


@transaction.atomic
def translation_apply(*, source_instance, locale: Locale, translated_instance, user=None):
    """Create or update the `locale` translation of `source_instance` (a page or a
    translatable snippet) and publish it. Returns the translated object."""
    source, _created = TranslationSource.update_or_create_from_instance(source_instance)
    originals = _string_segments(source_instance)
    translations = _string_segments(translated_instance)
    if [s.path for s in originals] != [t.path for t in translations]:
        raise TranslationShapeError(
            f"{source_instance!r}: {len(originals)} source segments, {len(translations)} translated"
        )
    for original, translated in zip(originals, translations, strict=True):
        StringTranslation.objects.update_or_create(
            translation_of=String.from_value(source.locale, original.string),
            locale=locale,
            context=TranslationContext.objects.get(object_id=source.object_id, path=original.path),
            defaults={"data": translated.string.data, "translation_type": "manual"},
        )
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    if not isinstance(source_instance, DraftStateMixin):
        translation.save_target(user=user, publish=True)  # snippets: saved as they are
        return source.get_translated_instance(locale)
    # Pages: save a draft, then publish it from a fresh copy now. (With
    # publish=True wagtail-localize publishes on commit from the instance it held
    # in memory, which overwrites the tree's child count of a translated parent
    # whose children were translated in the same transaction: they then 404.)
    translation.save_target(user=user, publish=False)
    translated = source.get_translated_instance(locale)
    translated.get_latest_revision().publish(user=user)
    translated.refresh_from_db()
    return translated
