"""The review panel above wagtail-localize's translation editor
(cms/templates/wagtail_localize/admin/edit_translation.html)."""

import json

from django import template

from cms import translation_review

register = template.Library()


@register.simple_tag(takes_context=True)
def translation_review_state(context, translation, instance):
    from wagtail.models import Page

    if not isinstance(instance, Page):
        return None
    return translation_review.translation_state(
        translation=translation, page=instance, user=context["request"].user
    )


@register.simple_tag
def translation_editor_props(props: str, review) -> str:
    """wagtail-localize's editor props, without "Convert to alias page" for
    someone who cannot publish: for them it would be the editor's main action
    (it throws the translation away and shows the Tajik page)."""
    if review is None or review.can_publish:
        return props
    data = json.loads(props)
    data["links"]["convertToAliasUrl"] = None
    return json.dumps(data)
