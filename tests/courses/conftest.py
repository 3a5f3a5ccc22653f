import pytest

from tests.builders import make_people


@pytest.fixture
def people(db):
    return make_people()
