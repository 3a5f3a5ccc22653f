"""cms migration 0005 files existing images and documents (and media_pipeline
0005 existing videos) in the track of the pages that use them."""

import pytest
from django.apps import apps
from wagtail.models import Collection

from cms.models import TrackCollection
from cms.permissions import track_collections_create, used_object_track
from tests.builders import make_course, make_document, make_image, make_video

pytestmark = pytest.mark.django_db


def _body(image, document, video):
    return [
        {"type": "image", "value": {"image": image.pk, "alt": "x", "caption": ""}},
        {"type": "document", "value": {"document": document.pk, "title": "x", "description": ""}},
        {"type": "video", "value": {"video": video.pk, "caption": ""}},
    ]


def test_existing_files_move_to_the_track_of_the_pages_using_them(tree):
    root = Collection.get_first_root_node()
    staff = [make_image("Staff picture"), make_document("Staff hand-out"), make_video("Staff clip")]
    unused = make_image("Unused picture")
    for obj in staff[:2] + [unused]:
        obj.collection = root
        obj.save()
    make_course(tree.staff, title="Trainer course", slug="tc", body=_body(*staff))

    assert used_object_track(apps, "media_pipeline", "video", staff[2].pk) == "staff"
    assert used_object_track(apps, "wagtailimages", "image", unused.pk) is None
    collections = track_collections_create(apps)
    assert collections == {
        t.track: t.collection for t in TrackCollection.objects.select_related("collection")
    }
    for obj in staff[:2]:
        obj.refresh_from_db()
        assert obj.collection == collections["staff"]
    unused.refresh_from_db()
    assert unused.collection == root  # used nowhere: only editors see it
    assert track_collections_create(apps) == collections  # idempotent
