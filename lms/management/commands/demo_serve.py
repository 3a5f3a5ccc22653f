"""`manage.py demo_serve`: the web server and a Celery worker (with an embedded
beat for the periodic tasks), side by side, until Ctrl-C; a worker that dies is
restarted. Used by `make demo`; production runs the two under its process
manager."""

import contextlib
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
from cms.site import site_follow_url

# More worker deaths than this within the window end the demo instead.
WORKER_MAX_RESTARTS = 5
WORKER_RESTART_WINDOW = 60.0  # seconds


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
        # Every absolute URL (the certificate's QR code, the sitemap, xAPI ids)
        # is built from SAFAR_SITE_URL: unless it is set, it is where this runs.
        env.setdefault("SAFAR_SITE_URL", f"http://{host}:{port}")

        site_follow_url(env["SAFAR_SITE_URL"])
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
        self.processes = {"web": web, "worker": self._start_worker(bin_dir, env)}
        url = env["SAFAR_SITE_URL"].rstrip("/") + "/"
        try:
            self._wait_until_healthy(
                f"http://{host}:{port}/healthz", list(self.processes.values())
            )
            self.stdout.write(self.style.SUCCESS(f"\nSafar is running at {url}"))
            self.stdout.write(f"  Wagtail admin: {url}admin/")
            self.stdout.write(f"  Health:        {url}healthz")
            self.stdout.write(
                f"  Demo accounts (password {DEMO_PASSWORD}): admin, "
                "author-migrant, author-staff, migrant, trainee"
            )
            self.stdout.write("Press Ctrl-C to stop.\n")
            self._supervise(bin_dir, env)
        except KeyboardInterrupt:
            self.stdout.write("Stopping…")
        finally:
            for p in self.processes.values():
                if p.poll() is None:
                    p.send_signal(signal.SIGTERM)
            for p in self.processes.values():
                try:
                    p.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    p.kill()

    def _start_worker(self, bin_dir, env):
        """A Celery worker with an embedded beat, in its own process group (so that
        its pool processes can be stopped with it when its main process dies)."""
        return subprocess.Popen(
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
            start_new_session=True,
        )

    def _supervise(self, bin_dir, env):
        """Until Ctrl-C: a worker that dies is replaced (its killed task is picked up
        again by the stall sweep, see media_pipeline/stalls.py); the site stays up.
        Only the web server stopping, or a worker dying over and over, ends the demo."""
        deaths: list[float] = []
        while True:
            if self.processes["web"].poll() is not None:
                raise CommandError("The web server stopped unexpectedly; see its output above.")
            worker = self.processes["worker"]
            if worker.poll() is not None:
                now = time.monotonic()
                deaths = [t for t in deaths if now - t < WORKER_RESTART_WINDOW] + [now]
                if len(deaths) > WORKER_MAX_RESTARTS:
                    raise CommandError("The worker keeps stopping; see its output above.")
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.killpg(worker.pid, signal.SIGKILL)  # its orphaned pool processes
                self.stderr.write(
                    f"The worker stopped (exit code {worker.returncode}); starting a new one."
                )
                self.processes["worker"] = self._start_worker(bin_dir, env)
            time.sleep(1)

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
