import pytest

from tests.builders import make_people


@pytest.fixture
def people(db):
    return make_people()


@pytest.fixture
def world(tree):
    """Learners, staff, enrollments and certificates at known dates, for the
    reports (tests/courses/report_data.py)."""
    from tests.courses.report_data import build_world

    return build_world(tree)
