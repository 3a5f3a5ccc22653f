"""`manage.py demo_serve`: the web server and a Celery worker (with an embedded
beat for the periodic tasks), side by side, until
Ctrl-C. Used by `make demo`; production runs the two under its process manager."""

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.demo import DEMO_PASSWORD


class Command(BaseCommand):
    help = "Run the demo web server (gunicorn) and a Celery worker until interrupted."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", 8000)))
        parser.add_argument("--host", default="127.0.0.1")

    def handle(self, *args, host, port, **options):
        bin_dir = os.path.dirname(sys.executable)
        env = {**os.environ}
        env.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.local")
        env.setdefault("DJANGO_DEBUG", "False")
        web = subprocess.Popen(
            [
                os.path.join(bin_dir, "gunicorn"),
                "lms.wsgi",
                "--bind",
                f"{host}:{port}",
                "--workers",
                "2",
                "--threads",
                "4",
                "--access-logfile",
                "-",
            ],
            env=env,
        )
        os.makedirs(os.path.dirname(settings.CELERY_BEAT_SCHEDULE_FILENAME), exist_ok=True)
        worker = subprocess.Popen(
            [
                os.path.join(bin_dir, "celery"),
                "-A",
                "lms",
                "worker",
                "--beat",  # embedded beat: the periodic tasks (CELERY_BEAT_SCHEDULE)
                "--schedule",
                settings.CELERY_BEAT_SCHEDULE_FILENAME,
                "--queues",
                "default,media",
                "--concurrency",
                "2",
                "--loglevel",
                "INFO",
            ],
            env=env,
        )
        processes = [web, worker]
        url = f"http://{host}:{port}/"
        try:
            self._wait_until_healthy(url + "healthz", processes)
            self.stdout.write(self.style.SUCCESS(f"\nSafar is running at {url}"))
            self.stdout.write(f"  Wagtail admin: {url}admin/")
            self.stdout.write(f"  Health:        {url}healthz")
            self.stdout.write(
                f"  Demo accounts (password {DEMO_PASSWORD}): admin, "
                "author-migrant, author-staff, migrant, trainee"
            )
            self.stdout.write("Press Ctrl-C to stop.\n")
            while all(p.poll() is None for p in processes):
                time.sleep(1)
            raise CommandError("A demo process stopped unexpectedly; see its output above.")
        except KeyboardInterrupt:
            self.stdout.write("Stopping…")
        finally:
            for p in processes:
                if p.poll() is None:
                    p.send_signal(signal.SIGTERM)
            for p in processes:
                try:
                    p.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    p.kill()

    def _wait_until_healthy(self, url, processes, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if any(p.poll() is not None for p in processes):
                raise CommandError("The web server or the worker failed to start.")
            try:
                with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.5)
        raise CommandError(f"{url} did not answer 200 within {timeout} s.")
