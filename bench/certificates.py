"""`python -m bench certificates [--count N]`: issue N certificates end to end,
in-process, on a throwaway in-memory database (the demo's is not touched).

Each issue is what the Celery task runs: lock the enrollment, allocate the
serial number and the status-list index, render the PDF (fonts embedded, QR,
template images), sign the Open Badges 3.0 credential, store the PDF through
Django's storage API. Prints:

    certificates_per_s     issued certificates per second (one process)
    certificate_pdf_bytes  size of the largest PDF issued (target < 200000)
"""

from __future__ import annotations

import argparse
import tempfile
import time


def _world(count: int):
    from django.db import transaction

    from accounts.models import LearnerProfile, User
    from certificates.demo import load_certificates
    from cms.demo import load_site
    from cms.models import CoursePage, LessonPage, ModulePage
    from core.tracks import CompletionRule, Track
    from courses import services as course_services

    with transaction.atomic():
        _home, tracks = load_site()
    load_certificates()
    course = tracks[Track.MIGRANT].add_child(
        instance=CoursePage(
            title="Муҳоҷирати бехатар ва қонунӣ",
            slug="bench-orientation",
            summary="Bench",
            completion_rule=CompletionRule.LESSONS,
            estimated_minutes=480,
        )
    )
    module = course.add_child(instance=ModulePage(title="Module", slug="m"))
    lesson = module.add_child(instance=LessonPage(title="Lesson", slug="l", body=[]))
    enrollments = []
    for n in range(count):
        user = User.objects.create_user(f"bench-{n}", password=None)
        LearnerProfile.objects.create(
            user=user,
            full_name=f"Ҷамшед Қодиров Ғуломович {n}",
            gender="male",
            birth_year=1990,
            region="sughd",
            district="Khujand",
            destination="RU",
        )
        enrollment = course_services.enrollment_create(user=user, course=course)
        course_services.lesson_progress_record(user=user, lesson=lesson, progress=1)
        enrollments.append(enrollment)
    return enrollments


def run(argv: list[str]) -> dict:
    parser = argparse.ArgumentParser(prog="python -m bench certificates")
    parser.add_argument("--count", type=int, default=40)
    args = parser.parse_args(argv)

    from django.db import connection
    from django.test.utils import override_settings

    from certificates import services

    media = tempfile.TemporaryDirectory(prefix="safar-bench-certificates-")
    key_dir = tempfile.TemporaryDirectory(prefix="safar-bench-key-")
    old_name = connection.settings_dict["NAME"]
    with override_settings(
        MEDIA_ROOT=media.name,
        SAFAR_OB_DEV_KEY_FILE=f"{key_dir.name}/key.pem",
        CELERY_TASK_ALWAYS_EAGER=False,
    ):
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        try:
            from certificates import tasks

            tasks.certificate_issue.delay = lambda *a, **k: None  # no broker in the bench
            enrollments = _world(args.count)
            services.certificate_issue(enrollment=enrollments[0])  # warm fonts and keys
            start = time.perf_counter()
            issued = [services.certificate_issue(enrollment=e) for e in enrollments[1:]]
            elapsed = time.perf_counter() - start
            sizes = [c.pdf.size for c in issued]
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)
            media.cleanup()
            key_dir.cleanup()
    return {
        "certificates_issued": len(issued),
        "certificates_per_s": len(issued) / elapsed,
        "certificate_pdf_bytes": max(sizes),
    }
