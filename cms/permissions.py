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

from core.tracks import TRACK_AUTHOR_GROUPS, Track

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


# --- Collections per track (cms migration 0005) -------------------------------

TRACK_COLLECTION_NAMES = {"migrant": "Pre-departure orientation", "staff": "Trainer certification"}
AUTHOR_COLLECTION_PERMISSIONS = (
    ("wagtailimages", "image", "add_image"),
    ("wagtailimages", "image", "change_image"),
    ("wagtailimages", "image", "choose_image"),
    ("wagtaildocs", "document", "add_document"),
    ("wagtaildocs", "document", "change_document"),
    ("wagtaildocs", "document", "choose_document"),
)


def used_object_track(apps, app_label: str, model: str, pk) -> str | None:
    """The track of the pages that use an object (Wagtail's reference index):
    the staff track if any page using it is there, else the migrant track if
    one is, else None. Migrations use it to give existing files a track."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    ReferenceIndex = apps.get_model("wagtailcore", "ReferenceIndex")
    Page = apps.get_model("wagtailcore", "Page")
    TrackIndexPage = apps.get_model("cms", "TrackIndexPage")
    target = ContentType.objects.filter(app_label=app_label, model=model).first()
    page_type = ContentType.objects.filter(app_label="wagtailcore", model="page").first()
    if target is None or page_type is None:
        return None
    page_ids = ReferenceIndex.objects.filter(
        to_content_type=target, to_object_id=str(pk), base_content_type=page_type
    ).values_list("object_id", flat=True)
    paths = Page.objects.filter(pk__in=[int(i) for i in page_ids if str(i).isdigit()]).values_list(
        "path", flat=True
    )
    tracks = {
        index.track
        for index in TrackIndexPage.objects.all()
        for path in paths
        if path.startswith(index.path)
    }
    for track in ("staff", "migrant"):
        if track in tracks:
            return track
    return None


def track_collections_create(apps) -> dict:
    """One collection per track below the root, the track's authors' image and
    document permissions on it (and no longer on the root, so that they do not
    see the other track's files), and each existing file moved to the track of
    the pages that use it. Idempotent."""
    Collection = apps.get_model("wagtailcore", "Collection")
    TrackCollection = apps.get_model("cms", "TrackCollection")
    Group = apps.get_model("auth", "Group")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root = Collection.objects.filter(depth=1).first()
    if root is None:
        return {}
    collections = {}
    for track, name in TRACK_COLLECTION_NAMES.items():
        existing = TrackCollection.objects.filter(track=track).first()
        if existing is not None:
            collections[track] = existing.collection
            continue
        # Treebeard's API is not available on historical models: add the child by hand.
        last = (
            Collection.objects.filter(depth=2, path__startswith=root.path).order_by("-path").first()
        )
        number = int(last.path[-4:], 36) + 1 if last else 1
        path = root.path + _base36(number).rjust(4, "0")
        collection = Collection.objects.create(name=name, path=path, depth=2, numchild=0)
        root.numchild += 1
        root.save(update_fields=["numchild"])
        TrackCollection.objects.create(track=track, collection=collection)
        collections[track] = collection


    for track, collection in collections.items():
        group, _ = Group.objects.get_or_create(name=str(TRACK_AUTHOR_GROUPS[track]))
        GroupCollectionPermission.objects.filter(group=group, collection=root).delete()
        for p in AUTHOR_COLLECTION_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=permission_get(apps, *p)
            )

    for app_label, model_name in (("wagtailimages", "image"), ("wagtaildocs", "document")):
        model = apps.get_model(app_label, model_name)
        for obj in model.objects.filter(collection=root):
            track = used_object_track(apps, app_label, model_name, obj.pk)
            if track is not None:
                obj.collection = collections[track]
                obj.save(update_fields=["collection"])
    return collections


def _base36(number: int) -> str:
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    out = ""
    while number:
        number, rest = divmod(number, 36)
        out = digits[rest] + out
    return out or "0"


def knowledge_index_permissions_grant(sender, instance, created, raw=False, **kwargs):
    """post_save receiver for KnowledgeIndexPage (every language): the knowledge
    base is public content, written by the migrant-track authors (add and edit,
    never publish: their pages go through the same MRC review)."""
    if raw:
        return
    from django.apps import apps


    track_index_grant(apps, page_id=instance.pk, track=Track.MIGRANT)
