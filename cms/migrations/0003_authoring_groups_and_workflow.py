"""Authoring groups, their permissions, and the MRC review workflow.

- "Migrant-track authors", "Staff-track authors": Wagtail admin access; pages
  only below their own track index (granted per track index page, see
  cms/permissions.py), never publish; images, documents, videos, contact cards;
  submitting translations.
- "MRC editors": add, edit and publish every page (on the root, so in every
  language); snippets, images, documents.
- Workflow "MRC review" (one group-approval task for MRC editors) on the root
  page, so every page is reviewed before it is published.
"""

from django.db import migrations

from cms.permissions import (
    EDITOR_PAGE_PERMISSIONS,
    TASK_NAME,
    WORKFLOW_NAME,
    permission_get,
    track_index_grant,
)

MIGRANT_AUTHORS = "Migrant-track authors"
STAFF_AUTHORS = "Staff-track authors"
MRC_EDITORS = "MRC editors"

AUTHOR_MODEL_PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin"),
    ("wagtail_localize", "translation", "submit_translation"),
    ("cms", "contactcard", "add_contactcard"),
    ("cms", "contactcard", "change_contactcard"),
    ("cms", "contactcard", "view_contactcard"),
    ("cms", "destinationcountry", "view_destinationcountry"),
    ("media_pipeline", "video", "add_video"),
    ("media_pipeline", "video", "change_video"),
    ("media_pipeline", "video", "view_video"),
]
EDITOR_MODEL_PERMISSIONS = AUTHOR_MODEL_PERMISSIONS + [
    ("cms", "contactcard", "delete_contactcard"),
    ("cms", "destinationcountry", "add_destinationcountry"),
    ("cms", "destinationcountry", "change_destinationcountry"),
    ("cms", "destinationcountry", "delete_destinationcountry"),
]
AUTHOR_COLLECTION_PERMISSIONS = [
    ("wagtailimages", "image", "add_image"),
    ("wagtailimages", "image", "choose_image"),
    ("wagtaildocs", "document", "add_document"),
    ("wagtaildocs", "document", "choose_document"),
]
EDITOR_COLLECTION_PERMISSIONS = AUTHOR_COLLECTION_PERMISSIONS + [
    ("wagtailimages", "image", "change_image"),
    ("wagtaildocs", "document", "change_document"),
]


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Page = apps.get_model("wagtailcore", "Page")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    TrackIndexPage = apps.get_model("cms", "TrackIndexPage")

    authors = [Group.objects.get_or_create(name=n)[0] for n in (MIGRANT_AUTHORS, STAFF_AUTHORS)]
    editors = Group.objects.get_or_create(name=MRC_EDITORS)[0]

    for group, model_perms, collection_perms in [
        *[(g, AUTHOR_MODEL_PERMISSIONS, AUTHOR_COLLECTION_PERMISSIONS) for g in authors],
        (editors, EDITOR_MODEL_PERMISSIONS, EDITOR_COLLECTION_PERMISSIONS),
    ]:
        group.permissions.add(*[permission_get(apps, *p) for p in model_perms])
        root_collection = Collection.objects.filter(depth=1).first()
        if root_collection is not None:
            for p in collection_perms:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission_get(apps, *p)
                )

    root = Page.objects.filter(depth=1).first()
    if root is None:
        return
    for codename in EDITOR_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=editors, page=root, permission=permission_get(apps, "wagtailcore", "page", codename)
        )
    # Track index pages that already exist (later ones: cms.permissions hook).
    for index in TrackIndexPage.objects.all():
        track_index_grant(apps, page_id=index.pk, track=index.track)

    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME, content_type=task_type, active=True)
    task.groups.set([editors])
    workflow, created = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    if created:
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})


def backwards(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Workflow.objects.filter(name=WORKFLOW_NAME).update(active=False)


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0002_course_tree"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("media_pipeline", "0001_video"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
