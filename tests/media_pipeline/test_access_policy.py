"""The pipeline knows no learners or tracks: who may fetch a video's files is
the access policy it is given (settings.SAFAR_VIDEO_ACCESS_POLICY)."""

import pytest

from media_pipeline import selectors
from tests.builders import make_people, make_video

pytestmark = pytest.mark.django_db

ASKED = []


def let_only_root(user, video):
    ASKED.append((user, video))
    return user is not None and user.username == "root"


def test_the_policy_named_in_the_settings_decides(settings):
    settings.SAFAR_VIDEO_ACCESS_POLICY = f"{__name__}.let_only_root"
    people, video = make_people(), make_video()
    ASKED.clear()
    assert selectors.can_user_view_video(people.admin, video)
    assert not selectors.can_user_view_video(people.migrant, video)
    assert [(people.admin, video), (people.migrant, video)] == ASKED


def test_without_a_policy_nobody_may(settings):
    settings.SAFAR_VIDEO_ACCESS_POLICY = ""
    people, video = make_people(), make_video()
    assert not selectors.can_user_view_video(people.admin, video)


def test_the_site_gives_it_the_wall(settings):
    assert settings.SAFAR_VIDEO_ACCESS_POLICY == "courses.access.can_view_video"
