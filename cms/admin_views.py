"""Admin screens for the knowledge base and search (Wagtail › Reports):
pages past their review date, and searches that found nothing. For everyone
with access to the admin (authors and editors); Wagtail's register_admin_urls
already turns away everyone else."""

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .knowledge import pages_due_for_review
from .models import UnansweredSearch
from .track_admin import visible_to

PER_PAGE = 50


def knowledge_review(request):
    today = timezone.localdate()
    rows = Paginator(visible_to(pages_due_for_review(on=today), request.user), PER_PAGE).get_page(
        request.GET.get("p")
    )
    for page in rows:
        page.days_overdue = (today - page.due).days
    return TemplateResponse(
        request,
        "cms/admin/knowledge_review.html",
        {"page_title": _("Knowledge base: due for review"), "header_icon": "date", "rows": rows},
    )


def unanswered_searches(request):
    rows = Paginator(UnansweredSearch.objects.all(), PER_PAGE).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "cms/admin/unanswered_searches.html",
        {"page_title": _("Searches that found nothing"), "header_icon": "search", "rows": rows},
    )
