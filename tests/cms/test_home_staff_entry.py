"""The home page shows the staff track's card only to those who may see the
track; everyone else gets a plain "for ministry staff" line naming no course."""

import pytest

from tests.builders import make_course, make_people

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "sees_card"),
    [
        ("anonymous", False),
        ("migrant", False),
        ("unverified", False),
        ("staff", True),
        ("admin", True),
    ],
)
def test_staff_track_card_only_for_those_who_may_see_it(client, tree, role, sees_card):
    people = make_people()
    tree.staff.intro = "<p>Secret trainer programme</p>"
    tree.staff.save_revision().publish()
    make_course(tree.staff, title="Trainer course", slug="trainer-course")
    if role != "anonymous":
        client.force_login(getattr(people, role))
    response = client.get(tree.home.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert tree.migrant.title in html
    for secret in (tree.staff.title, tree.staff.url, "Secret trainer programme"):
        assert (secret in html) == sees_card, (role, secret)
    assert "Trainer course" not in html  # the card names the track, never a course
    assert ('class="staff-entry"' in html) != sees_card  # "For ministry staff: …"
    if role in ("anonymous", "migrant"):
        assert "/accounts/signup/staff/" in html
