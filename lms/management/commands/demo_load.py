"""`manage.py demo_load`: the demo accounts and content. Safe to run again."""

from django.core.management.base import BaseCommand

from accounts.demo import DEMO_PASSWORD, load_accounts
from assessments.demo import load_assessments
from certificates.demo import load_certificates
from cms.demo import load_pages
from courses.demo import load_cohorts
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
        self.stdout.write(self.style.SUCCESS("Demo content loaded."))
        self.stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
        for username in accounts:
            self.stdout.write(f"  {username}")
