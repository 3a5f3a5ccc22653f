"""Who may edit what in the Wagtail admin.

- "Migrant-track authors" / "Staff-track authors": add and edit pages only below
  their own track's index pages (in every language), never publish.
- "MRC editors": edit and publish everywhere; they review through the "MRC
  review" workflow (draft → in review → published) that every page goes through.

The groups, model permissions and workflow come from a data migration
(cms/migrations/0003_authoring_groups_and_workflow.py), so production has them.
Page permissions on a track index are granted whenever a track index page is
saved (including translations made by wagtail-localize), by
`track_index_permissions_grant`, connected in CmsConfig.ready().

The functions take the model classes as arguments so that the migration can
pass its historical models.
"""

from courses.tracks import TRACK_AUTHOR_GROUPS

AUTHOR_PAGE_PERMISSIONS = ("add_page", "change_page")
EDITOR_PAGE_PERMISSIONS = (
    "add_page",
    "change_page",
    "publish_page",
    "lock_page",
    "unlock_page",
    "bulk_delete_page",
)
WORKFLOW_NAME = "MRC review"
TASK_NAME = "MRC editors review"


def permission_get(apps, app_label: str, model: str, codename: str):
    """Permissions are normally created after migrating; create the ones we need."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": codename.replace("_", " ").capitalize()},
    )
    return permission


def track_index_grant(apps, *, page_id: int, track: str) -> None:
    """Give the track's author group add/edit (not publish) on a track index page."""
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    group, _ = Group.objects.get_or_create(name=TRACK_AUTHOR_GROUPS[track])
    for codename in AUTHOR_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page_id=page_id,
            permission=permission_get(apps, "wagtailcore", "page", codename),
        )


def track_index_permissions_grant(sender, instance, created, raw=False, **kwargs):
    """post_save receiver for TrackIndexPage (every language)."""
    if raw or not instance.track:
        return
    from django.apps import apps

    track_index_grant(apps, page_id=instance.pk, track=instance.track)
