"""Translations go through the same MRC review as the source (services).

"Translate this page" (wagtail-localize) creates the translation as a draft
(WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False), so nothing goes live
in the source language under another language's address. The author translates
the strings in wagtail-localize's editor, then *Submit to MRC review* saves the
translated text as a new revision and starts (or resumes) the page's workflow;
an MRC editor approves it like any page. A translation with strings still
untranslated can be neither submitted nor published (wagtail-localize would
fill the gaps with the Tajik text).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, WorkflowState
from wagtail_localize.models import Translation


class TranslationIncomplete(Exception):
    def __init__(self, missing: int):
        self.missing = missing
        super().__init__(
            _("%(missing)d strings are not translated yet: translate them first.")
            % {"missing": missing}
        )


@dataclass(frozen=True)
class TranslationState:
    total: int
    done: int
    can_publish: bool
    in_review: bool

    @property
    def missing(self) -> int:
        return self.total - self.done

    @property
    def complete(self) -> bool:
        return self.done >= self.total


def synced_translation_of(page: Page) -> Translation | None:
    """The wagtail-localize translation whose target is `page` (None for a
    source page, or a translation converted to a page of its own)."""
    return Translation.objects.filter(
        source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
    ).select_related("source", "target_locale").first()


def translation_state(*, translation: Translation, page: Page, user) -> TranslationState:
    total, done = translation.get_progress()
    state = page.current_workflow_state
    return TranslationState(
        total=total,
        done=done,
        can_publish=page.permissions_for_user(user).can_publish(),
        in_review=state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS,
    )


def translation_check_complete(translation: Translation) -> None:
    total, done = translation.get_progress()
    if done < total:
        raise TranslationIncomplete(total - done)


@transaction.atomic
def translation_submit_for_review(*, translation: Translation, page: Page, user) -> Page:
    """Save the translated strings as the page's newest revision and put it in
    the MRC review workflow (resumed after "changes requested", restarted when
    already in review so that the reviewer sees this revision)."""
    translation_check_complete(translation)
    translation.save_target(user=user, publish=False)
    page = Page.objects.get(pk=page.pk).specific
    workflow = page.get_workflow()
    if workflow is None:  # no review configured: the draft waits for an editor
        return page
    state = page.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user)
    else:
        if state is not None:
            state.cancel(user=user)
        workflow.start(page, user)
    return page
