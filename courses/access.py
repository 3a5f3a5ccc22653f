"""The wall between the tracks: who may see which track's content.

Migrant-track (orientation) content is public. Staff-track (trainer) content is
for verified ministry staff, the staff-track authors and MRC editors, and
superusers; everyone else gets a 404, so its existence does not leak.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from cms.tree import courses_in_track, page_track
from core.tracks import MRC_EDITORS, STAFF_AUTHORS, Track

STAFF_CONTENT_GROUPS = {STAFF_AUTHORS, MRC_EDITORS}


def visible_tracks(user) -> set[str]:
    """The tracks whose content `user` may see."""
    tracks = {Track.MIGRANT.value}
    if user is None or isinstance(user, AnonymousUser) or not user.is_authenticated:
        return tracks
    if not user.is_active:
        return tracks
    if user.is_superuser or getattr(user, "is_verified_staff", False):
        return tracks | {Track.STAFF.value}
    group_names = getattr(user, "_safar_group_names", None)
    if group_names is None:
        group_names = set(user.groups.values_list("name", flat=True))
        user._safar_group_names = group_names  # once per request's user object
    if group_names & STAFF_CONTENT_GROUPS:
        tracks.add(Track.STAFF.value)
    return tracks


def can_see_track(user, track: str | None) -> bool:
    """Pages outside any track (home, about) are public."""
    return track is None or track in visible_tracks(user)


def visible_courses(user):
    """Every course page (all languages, live or not) whose track `user` may see:
    the one question every page, API, file, quiz and certificate view asks."""
    querysets = [courses_in_track(track=track) for track in sorted(visible_tracks(user))]
    result = querysets[0]
    for more in querysets[1:]:
        result = result | more
    return result


def pages_using(obj):
    """The pages whose content refers to `obj` (a document, a video...), from
    Wagtail's reference index."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page, ReferenceIndex

    page_ids = (
        ReferenceIndex.get_references_to(obj)
        .filter(base_content_type=ContentType.objects.get_for_model(Page))
        .values_list("object_id", flat=True)
    )
    return Page.objects.filter(pk__in=[int(pk) for pk in page_ids if str(pk).isdigit()])


def can_see_used_object(user, obj, *, drafts_too: bool = False) -> bool | None:
    """Whether `user` may see a file used on pages: yes when one (live, or any
    with `drafts_too`) of the pages using it is in a track they may see; None
    when no page uses it."""
    pages = list(pages_using(obj))
    if not pages:
        return None
    tracks = visible_tracks(user)
    return any(
        (page.live or drafts_too) and (page_track(page) is None or page_track(page) in tracks)
        for page in pages
    )


def can_view_page(user, page) -> bool:
    """Whether `user` may see `page` (a course, module or lesson, or anything
    else in the tree) at all: THE check of every page, quiz and attempt view."""
    return can_see_track(user, page_track(page))


def is_editor(user) -> bool:
    return bool(user and user.is_authenticated and user.has_perm("wagtailadmin.access_admin"))


def can_view_video(user, video) -> bool:
    """The video pipeline's access policy (settings.SAFAR_VIDEO_ACCESS_POLICY):
    a video may be viewed when a live page using it is in a track the user may
    see; course authors and administrators (Wagtail admin access) also see it
    on drafts of such pages, and may preview a video no page uses yet."""
    editor = is_editor(user)
    visible = can_see_used_object(user, video, drafts_too=editor)
    return editor if visible is None else visible


def image_path_visible(user, path: str) -> bool | None:
    """Media gate for Wagtail images (lms/media.py): an image, or one of its
    renditions, used only on pages the user may not see is not served."""
    from wagtail.images import get_image_model

    image_model = get_image_model()
    if path.startswith("original_images/"):
        image = image_model.objects.filter(file=path).first()
    elif path.startswith("images/"):
        rendition = (
            image_model.get_rendition_model()
            .objects.filter(file=path)
            .select_related("image")
            .first()
        )
        image = rendition.image if rendition else None
    else:
        return None
    if image is None:
        return False
    return can_see_used_object(user, image, drafts_too=is_editor(user)) is not False
