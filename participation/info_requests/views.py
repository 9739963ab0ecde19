"""Public views of the access-to-information page, served by ``InfoRequestPage``'s routes
(``page_route``): ``view(request, page, …)`` with ``page`` in the visitor's language."""

from __future__ import annotations

import csv

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.cache import never_cache

from participation.core.pages import current_language, logical_page, page_site
from participation.core.ratelimit import ratelimit_exceeded, ratelimit_message
from site_template.communes.models import CommuneSettings

from . import deadlines, rules, selectors, services
from .forms import ComplaintForm, DataRequestForm, InfoRequestForm
from .models import Attachment, InfoRequest, InfoRequestSettings, Status
from .pdf import receipt_pdf_bytes, refusal_letter_pdf_bytes

# The site-wide Referrer-Policy (same-origin) already keeps the token out of other sites' logs;
# "no-referrer" would make browsers send "Origin: null" on the complaint form and fail CSRF.
PRIVATE_HEADERS = {"Cache-Control": "private, no-store", "X-Robots-Tag": "noindex, nofollow"}


def _private(response):
    for key, value in PRIVATE_HEADERS.items():
        response[key] = value
    return response


def _sub_url(page, name: str, **kwargs) -> str:
    return page.url + page.reverse_subpage(name, kwargs=kwargs or None)


def _get_request(page, token: str, request=None) -> InfoRequest:
    """By the private token; or, for the logged-in requester, by the account key of
    ``InfoRequest.owner_key`` (useless to anybody else)."""
    site = page_site(page)
    found = selectors.request_by_token(token=token, site=site)
    if found is None and request is not None:
        found = selectors.request_of_owner(key=token, user=request.user, site=site)
    if found is None:
        raise Http404
    return found


def request_form(request, page):
    user = request.user
    if request.method == "POST":
        form = InfoRequestForm(request.POST)
        if ratelimit_exceeded(request, "post"):
            form.add_error(None, ratelimit_message("post"))
        elif form.is_valid():
            data = form.cleaned_data
            info_request, token = services.info_request_create(
                page=logical_page(page),
                identity=services.Identity(
                    full_name=data["full_name"], postal_address=data["postal_address"],
                    id_document=data["id_document"], id_number=data["id_number"],
                    email=data["email"], phone=data["phone"],
                ),
                subject=data["subject"],
                information_requested=data["information_requested"],
                access_form=data["access_form"],
                is_urgent=data["is_urgent"],
                urgency_justification=data["urgency_justification"],
                requester=user,
                language=current_language(),
            )
            return HttpResponseRedirect(_sub_url(page, "receipt", token=token))
    else:
        initial = {}
        if user.is_authenticated:
            initial = {"email": user.email, "full_name": user.get_full_name() or getattr(user, "display_name", "")}
        form = InfoRequestForm(initial=initial)
    conf = InfoRequestSettings.for_site(page_site(page))
    return page.render(request, template="info_requests/request_form.html",
                       context_overrides={"form": form, "conf": conf})


def my_requests(request, page):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    rows = selectors.requests_of_user(user=request.user, site=page_site(page))
    return _private(page.render(request, template="info_requests/my_requests.html",
                                context_overrides={"requests": rows}))


def _status_context(page, info_request: InfoRequest, token: str) -> dict:
    detail = selectors.request_detail(request=info_request)
    complaint = next(iter(detail.complaints.all()), None)
    basis = deadlines.complaint_basis(request=detail)
    limit = deadlines.complaint_filing_deadline(request=detail)
    return {
        "info_request": detail,
        "token": token,
        "events": selectors.requester_events(request=detail),
        "attachments": list(detail.attachments.all()),
        "complaint": complaint,
        "complaint_reason": basis[0] if basis else "",
        "complaint_deadline": limit,
        "can_complain": bool(rules.can_file_complaint(request=detail)),
        "commission_deadline": (
            deadlines.commission_filing_deadline(complaint=complaint, conf=detail.settings) if complaint else None
        ),
        "conf": detail.settings,
        "overdue": deadlines.is_overdue(request=detail),
        "deadline_left": deadlines.days_left(request=detail),
        "status_url": _sub_url(page, "status", token=token),
    }


@never_cache
def status(request, page, token: str):
    info_request = _get_request(page, token, request)
    context = _status_context(page, info_request, token)
    context["complaint_form"] = ComplaintForm()
    return _private(page.render(request, template="info_requests/status.html", context_overrides=context))


@never_cache
def receipt(request, page, token: str):
    info_request = _get_request(page, token, request)
    context = {
        "info_request": info_request,
        "status_url": request.build_absolute_uri(_sub_url(page, "status", token=token)),
        "pdf_url": _sub_url(page, "receipt_pdf", token=token),
        "token": token,
    }
    return _private(page.render(request, template="info_requests/receipt.html", context_overrides=context))


@never_cache
def receipt_pdf(request, page, token: str):
    info_request = _get_request(page, token, request)
    status_url = request.build_absolute_uri(_sub_url(page, "status", token=token))
    data = receipt_pdf_bytes(info_request=info_request, status_url=status_url,
                             language=current_language())
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="receipt-{info_request.tracking_number}.pdf"'
    return _private(response)


@never_cache
def refusal_letter_pdf(request, page, token: str):
    info_request = _get_request(page, token, request)
    if info_request.status != Status.REFUSED:
        raise Http404
    data = refusal_letter_pdf_bytes(info_request=info_request, language=current_language())
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="decision-{info_request.tracking_number}.pdf"'
    return _private(response)


def complaint(request, page, token: str):
    info_request = _get_request(page, token, request)
    if request.method != "POST":
        return HttpResponseRedirect(_sub_url(page, "status", token=token) + "#complaint")
    form = ComplaintForm(request.POST)
    if form.is_valid():
        try:
            services.complaint_file(request=info_request, text=form.cleaned_data["text"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your complaint has been sent to the head of the commune."))
            return HttpResponseRedirect(_sub_url(page, "status", token=token) + "#complaint")
    context = _status_context(page, info_request, token)
    context["complaint_form"] = form
    return _private(page.render(request, template="info_requests/status.html", context_overrides=context))


def my_data(request, page, token: str):
    """Law 09-08 art. 7-8: what the site holds about the requester; rectification or erasure."""
    info_request = _get_request(page, token, request)
    can_erase = bool(rules.can_request_erasure(request=info_request))
    form = DataRequestForm(request.POST or None, can_erase=can_erase)
    if request.method == "POST" and form.is_valid():
        try:
            services.data_request_file(request=info_request, kind=form.cleaned_data["kind"],
                                       text=form.cleaned_data["text"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your request has been recorded. The commune must act within 10 days."))
            return HttpResponseRedirect(_sub_url(page, "my_data", token=token))
    context = {
        "info_request": info_request,
        "data_requests": list(info_request.data_requests.all()),
        "form": form,
        "status_url": _sub_url(page, "status", token=token),
        "can_erase": can_erase,
    }
    return _private(page.render(request, template="info_requests/my_data.html", context_overrides=context))


def _file_response(attachment: Attachment):
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    return _private(FileResponse(handle, as_attachment=True, filename=attachment.name))


def attachment(request, page, token: str, pk: str):
    info_request = _get_request(page, token, request)
    found = info_request.attachments.filter(pk=int(pk)).first()
    if found is None:
        raise Http404
    return _file_response(found)


def register(request, page):
    entries = selectors.register_entries(site=page_site(page))
    paginator = Paginator(entries, 10)
    page_obj = paginator.get_page(request.GET.get("page"))
    return page.render(request, template="info_requests/register.html",
                       context_overrides={"entries": page_obj, "page_obj": page_obj})


def register_attachment(request, page, pk: int, file_pk: int):
    found = Attachment.objects.filter(
        pk=file_pk, request_id=pk, request__in=selectors.register_entries(site=page_site(page))
    ).first()
    if found is None:
        raise Http404
    response = _file_response(found)
    response["Cache-Control"] = "public, max-age=3600"
    return response


FIGURE_COLUMNS = [
    ("year", _l("Year")),
    ("received", _l("Requests received")),
    ("answered_on_time", _l("Answered on time")),
    ("answered_late", _l("Answered late")),
    ("pending_late", _l("Unanswered past the deadline")),
    ("pending", _l("Pending")),
    ("refused", _l("Refused")),
    ("refused_exception", _l("Refused by an art. 7 exception")),
    ("transferred", _l("Transferred")),
    ("withdrawn", _l("Withdrawn")),
    ("complaints", _l("Complaints")),
    ("median_days", _l("Median days to answer")),
]


def figures(request, page):
    rows = selectors.yearly_figures(site=page_site(page))
    return page.render(request, template="info_requests/figures.html",
                       context_overrides={"rows": rows, "csv_url": _sub_url(page, "figures_csv")})


def figures_csv(request, page):
    """For the commune's annual report to the national commission (CDAI). No personal data."""
    rows = selectors.yearly_figures(site=page_site(page))
    commune = CommuneSettings.for_site(page_site(page))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="information-requests-{commune.slug or "commune"}.csv"'
    response.write("\ufeff")  # BOM so spreadsheet software keeps Arabic
    writer = csv.writer(response)
    writer.writerow([str(label) for _key, label in FIGURE_COLUMNS])
    for row in rows:
        writer.writerow(["" if getattr(row, key) is None else getattr(row, key) for key, _label in FIGURE_COLUMNS])
    return response


def proactive(request, page):
    """Law 31-13 art. 10: information published proactively, from the documents library."""
    site = page_site(page)
    groups = []
    if apps.is_installed("site_template.library"):
        from site_template.library.selectors import documents_by_category

        groups = documents_by_category(site=site)
    return page.render(request, template="info_requests/proactive.html", context_overrides={"groups": groups})

