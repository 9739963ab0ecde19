from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET
from wagtail.models import Site

from .backends import SearchResults, get_search_backend
from .forms import SearchForm

PAGE_SIZE = 10


@require_GET
def search(request):
    form = SearchForm(request.GET)
    form.is_valid()  # its fields clean rather than refuse; a bad type is no filter
    query, page_number = form.cleaned_data["q"], form.cleaned_data["page"]
    kind = form.cleaned_data.get("type")
    site = Site.find_for_request(request)
    results = SearchResults(total=0)
    if query and site is not None:
        backend = get_search_backend()

        def run(number: int) -> SearchResults:
            return backend.search(
                query=query, site=site, language=(get_language() or "ar")[:2],
                offset=(number - 1) * PAGE_SIZE, size=PAGE_SIZE, kind=kind,
            )

        results = run(page_number)
        last_page = max(1, -(-results.total // PAGE_SIZE))
        if page_number > last_page:  # past the end: the last page, as Paginator.get_page does
            page_number = last_page
            results = run(page_number)
    paginator = Paginator(range(results.total), PAGE_SIZE)
    page_obj = paginator.get_page(page_number) if results.total else None
    return render(request, "search/search.html", {"query": query, "kind": kind, "results": results, "page_obj": page_obj})
