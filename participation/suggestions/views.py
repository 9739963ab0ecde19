"""The views of the suggestions space, served by ``SuggestionsPage``'s routes (``page_route``):
``view(request, page, …)`` with ``page`` in the visitor's language. The rules are
``participation.core.rules``: the services check them, the views read them to decide what to show
and turn a refusal (``ActionRefused``) into a notice."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from participation.core import rules
from participation.core.caching import anonymous_page_cache
from participation.core.fragments import attach_fragments
from participation.core.pages import contribution_url, request_site
from participation.core.ratelimit import ratelimit_exceeded, ratelimit_message
from participation.core.selectors import (
    contribution_for_display,
    contribution_get,
    contribution_page,
    link_target,
    participation_context,
)
from site_template.accounts.staff import staff_view
from site_template.params import parse_id

from . import exports, feeds, selectors, services
from .forms import SuggestionFilterForm, SuggestionForm
from .models import KIND, SuggestionsPage

PER_PAGE = 20
CARD_TEMPLATE = "suggestions/includes/suggestion_card_body.html"


def card_values(s) -> tuple:
    """Everything a card's cached part shows (its cache key, see participation.core.fragments)."""
    return (
        s.pk, s.title, s.status, s.created_at, s.author_display, s.support_count, s.comment_count,
        s.category.name if s.category else "", s.neighbourhood.name if s.neighbourhood else "",
        s.photo_thumbnail.name, s.photo_alt,
    )


@anonymous_page_cache
def suggestion_list(request: HttpRequest, page: SuggestionsPage) -> HttpResponse:
    site = request_site(request, page)
    categories = selectors.categories_for_site(site_id=site.pk)
    neighbourhoods = selectors.neighbourhoods_for_site(site_id=site.pk)
    filter_form = SuggestionFilterForm(request.GET or None, categories=categories, neighbourhoods=neighbourhoods)
    filters = filter_form.values() if request.GET else {"sort": "newest"}
    page_obj = contribution_page(
        page=page, kinds=[KIND], viewer=request.user, page_number=request.GET.get("page"), per_page=PER_PAGE, **filters
    )
    attach_fragments(
        page_obj.object_list, template_name=CARD_TEMPLATE, name="s", values=card_values,
        attribute="card_html", context={"page_url": page.url},
    )
    query = request.GET.copy()
    query.pop("page", None)
    return page.render(
        request,
        context_overrides={
            "suggestions": page_obj,
            "filter_form": filter_form,
            "filters_active": any(v for k, v in filters.items() if k != "sort"),
            "query_string": query.urlencode(),
            "contribute_permission": rules.can_contribute(request.user, page, site_id=site.pk),
            "can_export": rules.can_answer(request.user, site=site),
            "next": request.get_full_path(),
        },
    )


def _get_suggestion(request: HttpRequest, page: SuggestionsPage, pk: int):
    suggestion = contribution_get(page=page, pk=pk, viewer=request.user, kinds=[KIND])
    if suggestion is None:
        raise Http404
    return suggestion


@anonymous_page_cache
def suggestion_detail(request: HttpRequest, page: SuggestionsPage, pk: int) -> HttpResponse:
    suggestion = contribution_for_display(page=page, pk=pk, viewer=request.user, kinds=[KIND])
    if suggestion is None:
        raise Http404
    context = participation_context(request=request, contribution=suggestion, page=page)
    context["suggestion"] = suggestion
    context["share_url"] = request.build_absolute_uri(page.url + page.reverse_subpage("suggestion_detail", kwargs={"pk": pk}))
    context["can_edit"] = bool(rules.can_edit_contribution(request.user, suggestion)) and not suggestion.is_hidden
    context["can_withdraw"] = bool(rules.can_withdraw_contribution(request.user, suggestion))
    return page.render(request, template="suggestions/suggestion_detail.html", context_overrides=context)


def _form_page(request, page, form, *, permission, suggestion=None, status: int = 200, about=None) -> HttpResponse:
    about_url = contribution_url(about) if about is not None else ""
    response = page.render(
        request,
        template="suggestions/suggestion_form.html",
        context_overrides={"form": form, "contribute_permission": permission, "suggestion": suggestion,
                           "about": about, "about_url": about_url},
    )
    response.status_code = status
    return response


def suggestion_new(request: HttpRequest, page: SuggestionsPage) -> HttpResponse:
    site = request_site(request, page)
    permission = rules.can_contribute(request.user, page, site_id=site.pk)
    if permission.reason == rules.LOGIN:
        return redirect_to_login(request.get_full_path())
    if not permission:  # the notice instead of the form; a refused POST is a 403
        return _form_page(request, page, None, permission=permission, status=403 if request.method == "POST" else 200)
    about = link_target(site_id=site.pk, pk=parse_id(request.POST.get("about") or request.GET.get("about")))
    if request.method == "POST":
        form = SuggestionForm(request.POST, request.FILES, site=site)
        if form.is_valid() and ratelimit_exceeded(request, "post"):
            form.add_error(None, ratelimit_message("post"))
        if form.is_valid():
            data = form.cleaned_data
            try:
                suggestion = services.suggestion_create(
                    page=page,
                    author=request.user,
                    title=data["title"],
                    text=data["text"],
                    category=data["category"],
                    neighbourhood=data.get("neighbourhood"),
                    place_description=data["place_description"],
                    photo=data["photo"] or None,
                    photo_alt=data["photo_alt"],
                    about=about,
                )
            except rules.ActionRefused as refused:
                return _form_page(request, page, None, permission=rules.Permission(False, refused.reason), status=403)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Thank you: your suggestion is published. The commune will answer it here."))
                return redirect(page.contribution_url(suggestion))
        return _form_page(request, page, form, permission=permission, status=400, about=about)
    form = SuggestionForm(site=site, initial={"about": about.pk if about else None})
    return _form_page(request, page, form, permission=permission, about=about)


def _no_longer_editable(request: HttpRequest, page: SuggestionsPage, suggestion) -> HttpResponse:
    messages.error(request, _("This suggestion can no longer be edited."))
    return redirect(page.contribution_url(suggestion))


def suggestion_edit(request: HttpRequest, page: SuggestionsPage, pk: int) -> HttpResponse:
    site = request_site(request, page)
    suggestion = _get_suggestion(request, page, pk)
    editable = rules.can_edit_contribution(request.user, suggestion)
    if editable.reason == rules.LOGIN:
        return redirect_to_login(request.get_full_path())
    if not editable:
        return _no_longer_editable(request, page, suggestion)
    permission = rules.can_contribute(request.user, page, site_id=site.pk)
    initial = {
        "title": suggestion.title,
        "text": suggestion.text,
        "category": suggestion.category_id,
        "neighbourhood": suggestion.neighbourhood_id,
        "place_description": suggestion.place_description,
        "photo_alt": suggestion.photo_alt,
    }
    if request.method == "POST":
        form = SuggestionForm(request.POST, request.FILES, site=site, initial=initial)
        if form.is_valid():
            data = form.cleaned_data
            fields = {k: data[k] for k in ("title", "text", "category", "place_description", "photo_alt")}
            if "neighbourhood" in data:
                fields["neighbourhood"] = data["neighbourhood"]
            try:
                services.suggestion_update(suggestion=suggestion, by=request.user, photo=data["photo"] or None, **fields)
            except rules.ActionRefused:  # the commune started to study it meanwhile
                return _no_longer_editable(request, page, suggestion)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Your suggestion is updated."))
                return redirect(page.contribution_url(suggestion))
        return _form_page(request, page, form, permission=permission, suggestion=suggestion, status=400)
    return _form_page(request, page, SuggestionForm(site=site, initial=initial), permission=permission, suggestion=suggestion)


def suggestion_withdraw(request: HttpRequest, page: SuggestionsPage, pk: int) -> HttpResponse:
    """The author withdraws a suggestion the commune has not answered (GET: confirm; POST: do it)."""
    suggestion = _get_suggestion(request, page, pk)
    permission = rules.can_withdraw_contribution(request.user, suggestion)
    if permission.reason == rules.LOGIN:
        return redirect_to_login(request.get_full_path())
    if permission.reason == rules.FORBIDDEN:
        raise PermissionDenied
    if request.method == "POST":
        try:
            services.suggestion_withdraw(suggestion=suggestion, by=request.user)
        except rules.ActionRefused:  # answered
            messages.error(request, _("An answered contribution cannot be withdrawn."))
            return redirect(page.contribution_url(suggestion))
        messages.success(request, _("Your suggestion is withdrawn."))
        return redirect(page.url)
    return page.render(
        request, template="suggestions/suggestion_withdraw.html", context_overrides={"suggestion": suggestion}
    )


def feed_rss(request: HttpRequest, page: SuggestionsPage) -> HttpResponse:
    return feeds.SuggestionsRssFeed()(request, page=page)


def feed_atom(request: HttpRequest, page: SuggestionsPage) -> HttpResponse:
    return feeds.SuggestionsAtomFeed()(request, page=page)


EXPORT_FORMATS = {"csv", "xlsx"}
EXPORTS = {"suggestions": exports.suggestion_export, "comments": exports.comment_export}


@staff_view
def suggestion_export(request: HttpRequest, page: SuggestionsPage, what: str, fmt: str) -> HttpResponse:
    """Staff exports (focal point): suggestions or comments with their figures, CSV or XLSX."""
    if fmt not in EXPORT_FORMATS or what not in EXPORTS:
        raise Http404
    if not rules.can_answer(request.user, site=request_site(request, page)):
        raise PermissionDenied
    return EXPORTS[what](page=page, fmt=fmt, request=request)
