from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET
from wagtail.models import Site

from .backends import SearchResults, get_search_backend

PAGE_SIZE = 10
MAX_QUERY_LENGTH = 200


@require_GET
def search(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    try:
        page_number = max(1, int(request.GET.get("page", "1")))
    except ValueError:
        page_number = 1
    site = Site.find_for_request(request)
    results = SearchResults(total=0)
    if query and site is not None:
        results = get_search_backend().search(
            query=query, site=site, language=(get_language() or "ar")[:2],
            offset=(page_number - 1) * PAGE_SIZE, size=PAGE_SIZE,
        )
    paginator = Paginator(range(results.total), PAGE_SIZE)
    page_obj = paginator.get_page(page_number) if results.total else None
    return render(request, "search/search.html", {"query": query, "results": results, "page_obj": page_obj})
