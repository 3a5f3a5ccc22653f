"""The search page, /<lang>/search/?q=… (a plain GET form, no JavaScript)."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import get_language

from .search import search_pages, unanswered_search_record
from .search_forms import SearchForm

RESULTS_PER_PAGE = 10


def search(request):
    language = get_language()
    if not request.GET.get("q", "").strip():
        return render(request, "cms/search.html", {"form": SearchForm(), "query": ""})
    form = SearchForm(request.GET)
    if not form.is_valid():
        return render(request, "cms/search.html", {"form": form, "query": ""}, status=400)
    query = form.cleaned_data["q"]
    hits = search_pages(user=request.user, query=query, language=language)
    page_number = request.GET.get("page") or 1
    if not hits and str(page_number) == "1":
        unanswered_search_record(query=query, language=language)
    results = Paginator(hits, RESULTS_PER_PAGE).get_page(page_number)
    return render(
        request,
        "cms/search.html",
        {"form": form, "query": query, "results": results, "total": len(hits)},
    )
