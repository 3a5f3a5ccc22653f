"""Fixtures for the CMS tests: small courses built on the `tree` fixture
(tests/conftest.py)."""

from __future__ import annotations

import pytest

from tests.builders import (  # noqa: F401  (re-exported for the cms tests)
    make_card,
    make_course,
    make_document,
    make_image,
    make_video,
    text_body,
)


@pytest.fixture
def course_factory(tree):
    return make_course
