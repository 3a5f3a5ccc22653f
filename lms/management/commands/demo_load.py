"""`manage.py demo_load`: the demo accounts and content. Safe to run again."""

from django.core.management.base import BaseCommand

from accounts.demo import DEMO_PASSWORD, load_accounts
from assessments.demo import load_assessments
from blended.demo import load_sessions
from certificates.demo import load_certificates
from cms.demo import load_pages
from courses.demo import load_cohorts
from referrals.demo import load_cases, load_directory
from xapi.demo import load_xapi


class Command(BaseCommand):
    help = "Load Safar's demo accounts and content (idempotent)."

    def handle(self, *args, **options):
        accounts = load_accounts()
        load_pages()
        load_assessments()
        load_certificates()
        load_xapi()
        load_cohorts()
        load_directory()
        load_cases()
        sessions = load_sessions()
        self.stdout.write(self.style.SUCCESS("Demo content loaded."))
        self.stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
        extra = ["counsellor", *(k for k in ("trainer", "attendee") if k in sessions)]
        for username in [*accounts, *extra]:
            self.stdout.write(f"  {username}")
