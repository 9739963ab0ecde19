"""A year's lines (filtered by chapter and by words, a page of them), a budget line's page (its amounts, explanations, other years, the citizens' questions and the
form to ask one) and a question's page (its thread, the commune's official answer, follows and
reports through the core's and the notifications' includes). Thin: reads through
``budget.questions``, the write through ``services.question_ask``."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext as _

from participation.core.caching import anonymous_page_cache
from participation.core.ratelimit import ratelimit_exceeded, ratelimit_message
from participation.core.rules import ActionRefused, Permission
from participation.core.selectors import contribution_for_display, participation_context
from site_template.params import clean_query_text, page_number, parse_id

from .. import rules, services
from ..figures import PART_LABELS
from ..forms import QuestionForm
from ..models import QUESTION_KIND, BudgetPage
from ..questions import LineAmounts, line_detail, line_project, line_questions, question_line, year_lines

#: The longest search text read (a line's label is at most 300 characters).
QUERY_MAX_LENGTH = 100


@anonymous_page_cache
def lines(request: HttpRequest, page: BudgetPage, year: int) -> HttpResponse:
    """Every line of a published year, in the order of the budget, filtered by chapter
    (``?chapter=``) and by words of its label or its code (``?q=``), 50 a page (``?page=``):
    where a citizen finds the line to ask about (404 for a year that is not published)."""
    query = clean_query_text(request.GET.get("q", ""), max_length=QUERY_MAX_LENGTH)
    listing = year_lines(budget=page.logical_budget(), year=year, chapter_id=parse_id(request.GET.get("chapter")),
                         query=query, page_number=page_number(request.GET.get("page")))
    if listing is None:
        raise Http404
    for chapter in listing.chapters:
        chapter.part_label = PART_LABELS[(chapter.direction, chapter.section)]
    filters = {key: value for key, value in (("chapter", listing.chapter.pk if listing.chapter else ""),
                                             ("q", query)) if value}
    context = {
        "listing": listing,
        "budget_year": listing.budget_year,
        "lines": listing.lines,
        "filters_query": urlencode(filters),
        "filtered": bool(filters),
    }
    return page.render(request, template="budget/lines_page.html", context_overrides=context)


def _line_page(request: HttpRequest, page: BudgetPage, detail, *, form, permission: Permission,
               status: int = 200) -> HttpResponse:
    budget = page.logical_budget()
    context = {
        "budget": budget,
        "detail": detail,
        "line": detail.line,
        "budget_year": detail.line.budget_year,
        "questions": line_questions(budget=budget, line=detail.line, viewer=request.user,
                                    page_number=request.GET.get("questions")),
        "project": line_project(detail.line),
        "form": form,
        "ask_permission": permission,
    }
    response = page.render(request, template="budget/line_page.html", context_overrides=context)
    response.status_code = status
    return response


@anonymous_page_cache
def line(request: HttpRequest, page: BudgetPage, year: int, pk: int) -> HttpResponse:
    """A line of a published year; citizens with a verified account ask about it here (POST)."""
    budget = page.logical_budget()
    detail = line_detail(budget=budget, year=year, pk=pk)
    if detail is None:
        raise Http404
    permission = rules.can_ask(request.user, budget, detail.line.budget_year)
    if request.method != "POST":
        return _line_page(request, page, detail, form=QuestionForm() if permission else None, permission=permission)
    if not permission:  # the notice instead of the form
        return _line_page(request, page, detail, form=None, permission=permission, status=403)
    form = QuestionForm(request.POST)
    if form.is_valid() and ratelimit_exceeded(request, "post"):
        form.add_error(None, ratelimit_message("post"))
    if form.is_valid():
        try:
            question = services.question_ask(budget=budget, line=detail.line, author=request.user,
                                             title=form.cleaned_data["title"], text=form.cleaned_data["text"])
        except ActionRefused as refused:
            return _line_page(request, page, detail, form=None, permission=Permission(False, refused.reason),
                              status=403)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you: your question is published. The commune will answer it here."))
            return HttpResponseRedirect(page.contribution_url(question), status=303)
    return _line_page(request, page, detail, form=form, permission=permission, status=400)


@anonymous_page_cache
def question(request: HttpRequest, page: BudgetPage, pk: int) -> HttpResponse:
    """A question about a line: the line, the question, the commune's answer, its history and
    comments (a hidden question only for its author)."""
    budget = page.logical_budget()
    contribution = contribution_for_display(page=budget, pk=pk, viewer=request.user, kinds=[QUESTION_KIND])
    if contribution is None:
        raise Http404
    asked_line = question_line(contribution=contribution)
    if asked_line is None:
        raise Http404
    context = participation_context(request=request, contribution=contribution, page=budget)
    context.update(
        {
            "budget": budget,
            "question": contribution,
            "line": asked_line,
            "budget_year": asked_line.budget_year,
            "amounts": LineAmounts.of(asked_line),
        }
    )
    return page.render(request, template="budget/question_page.html", context_overrides=context)
