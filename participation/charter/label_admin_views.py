"""The label's staff screens in the Wagtail admin (``/admin/label/``, namespace ``label_admin``):
the label pages of the communes the user serves with their years; one label's overview (open a
year); the fill-in screen of a draft (section by section); the validation (the administrator);
the verification (each answer confirmed or corrected, then the visit closed); the action plan;
the evidence files (served to the commune's focal point and administrator only).

Thin: reads here, writes through ``assessments``. A screen is addressed by the label page's id
(``page_id``: a page of another commune answers 403 before the view runs) and the year."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from participation.core.admin_access import page_for_staff
from participation.core.conversion import tracked_items
from participation.core.forms import add_validation_errors
from participation.core.pages import in_source_language, localized_page, page_site, site_id_of
from participation.core.rules import ActionRefused
from site_template.accounts.staff import staff_view
from site_template.communes.roles import Role
from site_template.communes.selectors import pages_of_sites_q, site_ids_served_by

from . import assessments, label_forms, rules, scoring
from .models import (
    ActionPlanItem,
    Answer,
    AnswerEvidence,
    Assessment,
    AssessmentStatus,
    LabelPage,
    Principle,
    Question,
    QuestionnaireSection,
)

# --- access ---------------------------------------------------------------------------------------


def label_for_staff(request, page_id: int) -> LabelPage:
    """The logical label page of page ``page_id`` (404 if none) for its commune's focal point or
    administrator (Wagtail's "permission denied" otherwise)."""
    return page_for_staff(request, page_class=LabelPage, page_id=page_id, rule=rules.can_edit_assessment)


def assessment_of(label: LabelPage, year: int) -> Assessment:
    assessment = Assessment.objects.filter(label=label, year=year).select_related("questionnaire").first()
    if assessment is None:
        raise Http404
    assessment.label = label
    return assessment


def _refused(refused: ActionRefused):
    raise PermissionDenied from refused


# --- shared reads ------------------------------------------------------------------------------------


def principle_rows(assessment: Assessment, *, verified: bool | None = None) -> list[dict]:
    """The running scores per principle (``scoring``), with the principle's name; ``verified``:
    both the commune's and the verified scores side by side."""
    principles = list(Principle.objects.filter(site_id=assessment.questionnaire.site_id).order_by("number"))
    own = scoring.assessment_scores(assessment)
    after = scoring.assessment_scores(assessment, verified=True) if verified else None
    rows = []
    for principle in principles:
        mine = own.of(principle.code)
        if mine is None:
            continue
        rows.append({"principle": principle, "own": mine, "verified": after.of(principle.code) if after else None})
    return rows


def _score_context(assessment: Assessment, *, verified: bool = False) -> dict:
    own = scoring.assessment_scores(assessment)
    return {
        "principle_rows": principle_rows(assessment, verified=verified),
        "scores": own,
        "verified_scores": scoring.assessment_scores(assessment, verified=True) if verified else None,
        "method": scoring.METHOD,
    }


def _assessment_rows(labels: list[LabelPage]) -> dict[int, list[dict]]:
    years: dict[int, list[dict]] = {}
    for a in Assessment.objects.filter(label__in=labels).order_by("-year"):
        overall = scoring.Scores.from_json(a.scores).overall if a.scores else None
        years.setdefault(a.label_id, []).append({"assessment": a, "overall": overall})
    return years


@staff_view
def index(request):
    """The label pages of the communes where the user is focal point (or administrator), each
    with its years, their status and score."""
    labels = in_source_language(LabelPage.objects.all()).order_by("title")
    if not request.user.is_superuser:
        labels = labels.filter(pages_of_sites_q(site_ids_served_by(user=request.user, roles=[Role.FOCAL_POINT])))
    labels = list(labels)
    years = _assessment_rows(labels)
    rows = [{"label": label, "years": years.get(label.pk, [])} for label in labels]
    return TemplateResponse(request, "charter/admin/label_index.html", {"rows": rows})


def _overview_response(request, label: LabelPage, *, form=None, status: int = 200):
    from django.utils import timezone

    years = _assessment_rows([label]).get(label.pk, [])
    for row in years:
        row["can_validate"] = bool(rules.can_validate_assessment(request.user, label, row["assessment"]))
    form = form or label_forms.OpenYearForm(initial={"year": timezone.localdate().year})
    return TemplateResponse(request, "charter/admin/label_overview.html", {
        "label": label,
        "public_page": localized_page(label).specific,
        "years": years,
        "form": form,
    }, status=status)


@staff_view
def overview(request, page_id: int):
    label = label_for_staff(request, page_id)
    return _overview_response(request, label)


@staff_view
@require_POST
def open_year(request, page_id: int):
    label = label_for_staff(request, page_id)
    form = label_forms.OpenYearForm(request.POST)
    if form.is_valid():
        try:
            assessment = assessments.assessment_open(label=label, year=form.cleaned_data["year"], by=request.user)
        except ValidationError as error:
            add_validation_errors(form, error)
        except ActionRefused as refused:
            _refused(refused)
        else:
            messages.success(request, _("The self-assessment of %(year)s is open.") % {"year": assessment.year})
            return redirect("label_admin:fill", label.pk, assessment.year)
    return _overview_response(request, label, form=form)


# --- the fill-in screen ---------------------------------------------------------------------------------


def _sections(assessment: Assessment) -> list[QuestionnaireSection]:
    return list(QuestionnaireSection.objects.filter(questionnaire_id=assessment.questionnaire_id)
                .order_by("sort_order", "pk"))


def _section_questions(section: QuestionnaireSection) -> list[Question]:
    return list(Question.objects.filter(section=section).select_related("principle")
                .prefetch_related("choices").order_by("sort_order", "pk"))


def _answers(assessment: Assessment, questions) -> dict[int, Answer]:
    return {a.question_id: a for a in Answer.objects.filter(assessment=assessment, question__in=questions)
            .select_related("choice", "answered_by", "verified_choice")}


def _evidence(assessment: Assessment) -> dict[int, list[AnswerEvidence]]:
    found: dict[int, list[AnswerEvidence]] = {}
    for evidence in AnswerEvidence.objects.filter(answer__assessment=assessment).select_related("answer"):
        found.setdefault(evidence.answer.question_id, []).append(evidence)
    return found


def _fill_response(request, label, assessment, section, *, form=None, status=200):
    sections = _sections(assessment)
    questions = _section_questions(section)
    answers = _answers(assessment, questions)
    form = form or label_forms.SectionForm(questions=questions, answers=answers)
    index = next((i for i, s in enumerate(sections) if s.pk == section.pk), 0)
    counts = dict(
        Answer.objects.filter(assessment=assessment, choice__isnull=False)
        .values_list("question__section_id").annotate(n=Count("pk"))
    )
    totals = dict(Question.objects.filter(section__in=sections).values_list("section_id")
                  .annotate(n=Count("pk")))
    return TemplateResponse(request, "charter/admin/label_fill.html", {
        "label": label,
        "assessment": assessment,
        "sections": [{"section": s, "answered": counts.get(s.pk, 0), "questions": totals.get(s.pk, 0)}
                     for s in sections],
        "section": section,
        "next_section": sections[index + 1] if index + 1 < len(sections) else None,
        "form": form,
        "rows": form.rows(answers=answers, evidence=_evidence(assessment)),
        "evidence_limits": assessments.evidence_limits(),
        "can_validate": rules.can_validate_assessment(request.user, label, assessment),
        **_score_context(assessment),
    }, status=status)


def _section_of(assessment: Assessment, section_id) -> QuestionnaireSection:
    sections = _sections(assessment)
    if not sections:
        raise Http404
    if section_id is None:
        return sections[0]
    found = next((s for s in sections if s.pk == section_id), None)
    if found is None:
        raise Http404
    return found


@staff_view
def fill(request, page_id: int, year: int):
    """The draft's questions, one section at a time (``?section=<id>``)."""
    from site_template.params import parse_id

    label = label_for_staff(request, page_id)
    assessment = assessment_of(label, year)
    if assessment.status != AssessmentStatus.DRAFT:
        messages.info(request, _("This self-assessment is validated: its answers can no longer be changed."))
        return redirect("label_admin:overview", label.pk)
    section = _section_of(assessment, parse_id(request.GET.get("section")))
    return _fill_response(request, label, assessment, section)


@staff_view
@require_POST
def section_save(request, page_id: int, year: int, section_id: int):
    """Saves one section's answers, comments and new evidence files; a refused file or a missing
    title keeps everything typed on the screen."""
    label = label_for_staff(request, page_id)
    assessment = assessment_of(label, year)
    section = _section_of(assessment, section_id)
    questions = _section_questions(section)
    answers = _answers(assessment, questions)
    form = label_forms.SectionForm(request.POST, request.FILES, questions=questions, answers=answers)
    if not form.is_valid():
        return _fill_response(request, label, assessment, section, form=form)
    try:
        for question in questions:
            prefix = f"q{question.pk}"
            answer = assessments.answer_save(
                assessment=assessment, question=question, choice=form.choice_of(question),
                comment=form.cleaned_data.get(f"{prefix}-comment", ""), by=request.user,
            )
            upload = form.cleaned_data.get(f"{prefix}-evidence_file")
            if upload:
                if answer is None:
                    answer = assessments.answer_save(assessment=assessment, question=question, choice=None,
                                                     comment="", by=request.user, keep_empty=True)
                try:
                    assessments.evidence_add(answer=answer, title=form.cleaned_data.get(f"{prefix}-evidence_title"),
                                             uploaded_file=upload, by=request.user)
                except ValidationError as error:
                    form.add_error(f"{prefix}-evidence_file", error.messages)
    except ValidationError as error:
        add_validation_errors(form, error)
    except ActionRefused as refused:
        _refused(refused)
    if form.errors:
        return _fill_response(request, label, assessment, section, form=form)
    messages.success(request, _("The section “%(section)s” is saved.") % {"section": section.title})
    following = request.POST.get("next") == "1"
    sections = _sections(assessment)
    index = next(i for i, s in enumerate(sections) if s.pk == section.pk)
    target = sections[index + 1] if following and index + 1 < len(sections) else section
    return redirect(reverse("label_admin:fill", args=[label.pk, assessment.year]) + f"?section={target.pk}")


def _evidence_of(assessment: Assessment, evidence_id: int) -> AnswerEvidence:
    evidence = AnswerEvidence.objects.filter(pk=evidence_id, answer__assessment=assessment) \
        .select_related("answer__assessment").first()
    if evidence is None:
        raise Http404
    return evidence


@staff_view
def evidence_file(request, page_id: int, year: int, evidence_id: int):
    """An evidence file, to the commune's focal point and administrator only (never cached)."""
    label = label_for_staff(request, page_id)
    evidence = _evidence_of(assessment_of(label, year), evidence_id)
    try:
        handle = evidence.file.open("rb")
    except (FileNotFoundError, ValueError) as error:
        raise Http404 from error
    extension = evidence.file.name.rsplit(".", 1)[-1] if "." in evidence.file.name else "bin"
    response = FileResponse(handle, as_attachment=True, filename=f"{evidence.title}.{extension}")
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@staff_view
@require_POST
def evidence_delete(request, page_id: int, year: int, evidence_id: int):
    label = label_for_staff(request, page_id)
    assessment = assessment_of(label, year)
    evidence = _evidence_of(assessment, evidence_id)
    section_id = evidence.answer.question.section_id
    try:
        assessments.evidence_remove(evidence=evidence, by=request.user)
    except ActionRefused as refused:
        _refused(refused)
    messages.success(request, _("The file “%(title)s” is removed.") % {"title": evidence.title})
    return redirect(reverse("label_admin:fill", args=[label.pk, assessment.year]) + f"?section={section_id}")


# --- validation -------------------------------------------------------------------------------------------


@staff_view
def validate(request, page_id: int, year: int):
    """The administrator validates the draft in the president's name: the scores, the questions
    left unanswered, the signatory's name and office, a confirmation."""
    label = label_for_staff(request, page_id)
    assessment = assessment_of(label, year)
    permission = rules.can_validate_assessment(request.user, label, assessment)
    if not permission:
        if permission.reason == rules.TOO_LATE:
            messages.info(request, _("This self-assessment is already validated."))
            return redirect("label_admin:overview", label.pk)
        raise PermissionDenied
    form = label_forms.ValidateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            assessments.assessment_validate(assessment=assessment, validated_as=form.cleaned_data["validated_as"],
                                            by=request.user)
        except ValidationError as error:
            add_validation_errors(form, error)
        except ActionRefused as refused:
            _refused(refused)
        else:
            messages.success(request, _("The self-assessment of %(year)s is validated.") % {"year": assessment.year})
            return redirect("label_admin:overview", label.pk)
    return TemplateResponse(request, "charter/admin/label_validate.html", {
        "label": label, "assessment": assessment, "form": form,
        "unanswered": assessments.unanswered_questions(assessment), **_score_context(assessment),
    })


# --- verification ----------------------------------------------------------------------------------------


def _verify_answers(assessment: Assessment) -> list[Answer]:
    return list(
        Answer.objects.filter(assessment=assessment)
        .select_related("question__section", "question__principle", "choice", "verified_choice", "verified_by")
        .prefetch_related("question__choices", "evidence")
        .order_by("question__section__sort_order", "question__sort_order", "question__pk")
    )


def _verify_response(request, label, assessment, *, form=None, close_form=None, status=200):
    form = form or label_forms.VerifyAnswersForm(answers=_verify_answers(assessment))
    close_form = close_form or label_forms.CloseVerificationForm(initial={
        "visit_on": assessment.visit_on, "team": assessment.verification_team,
        "note_ar": assessment.verification_note_ar, "note_fr": assessment.verification_note_fr,
    })
    return TemplateResponse(request, "charter/admin/label_verify.html", {
        "label": label, "assessment": assessment, "form": form, "rows": form.rows(), "close_form": close_form,
        "reviewed": sum(1 for a in form.answers if a.verified_choice_id),
        **_score_context(assessment, verified=True),
    }, status=status)


def _verifiable(request, label, assessment):
    permission = rules.can_verify_assessment(request.user, label, assessment)
    if not permission:
        if permission.reason == rules.TOO_LATE:
            if assessment.status == AssessmentStatus.DRAFT:
                messages.info(request, _("The self-assessment must be validated before it is verified."))
            else:
                messages.info(request, _("The verification of this self-assessment is closed."))
            return redirect("label_admin:overview", label.pk)
        raise PermissionDenied
    return None


@staff_view
def verify(request, page_id: int, year: int):
    """Per answer: confirmed or corrected (with a note); the commune's and the verified scores
    per principle side by side."""
    label = label_for_staff(request, page_id)
    assessment = assessment_of(label, year)
    if (refused := _verifiable(request, label, assessment)) is not None:
        return refused
    if request.method != "POST":
        return _verify_response(request, label, assessment)
    answers = _verify_answers(assessment)
    form = label_forms.VerifyAnswersForm(request.POST, answers=answers)
    if form.is_valid():
        for answer in answers:
            choice = form.choice_of(answer)
            if choice is None:
                continue
            try:
                assessments.answer_verify(answer=answer, verified_choice=choice,
                                          note=form.cleaned_data.get(f"a{answer.pk}-note", ""), by=request.user)
            except ValidationError as error:
                form.add_error(f"a{answer.pk}-note", error.messages)
            except ActionRefused as refused:
                _refused(refused)
        if not form.errors:
            messages.success(request, _("The technical team's findings are saved."))
            return redirect("label_admin:verify", label.pk, assessment.year)
    form.answers = _verify_answers(assessment)
    return _verify_response(request, label, assessment, form=form)


@staff_view
@require_POST
def verify_close(request, page_id: int, year: int):
    label = label_for_staff(request, page_id)
    assessment = assessment_of(label, year)
    if (refused := _verifiable(request, label, assessment)) is not None:
        return refused
    close_form = label_forms.CloseVerificationForm(request.POST)
    if close_form.is_valid():
        data = close_form.cleaned_data
        try:
            assessments.assessment_verify(assessment=assessment, visit_on=data["visit_on"], team=data["team"],
                                          note_ar=data["note_ar"], note_fr=data["note_fr"], by=request.user)
        except ValidationError as error:
            add_validation_errors(close_form, error)
        except ActionRefused as refused:
            _refused(refused)
        else:
            messages.success(request, _("The verification of %(year)s is closed: the final score is frozen.")
                             % {"year": assessment.year})
            return redirect("label_admin:plan", label.pk, assessment.year)
    return _verify_response(request, label, assessment, close_form=close_form)


# --- the action plan -------------------------------------------------------------------------------------


def _plannable(request, label, assessment):
    permission = rules.can_keep_action_plan(request.user, label, assessment)
    if not permission:
        if permission.reason == rules.TOO_LATE:
            messages.info(request, _("The action plan starts once the self-assessment is validated."))
            return redirect("label_admin:overview", label.pk)
        raise PermissionDenied
    return None


@staff_view
def plan(request, page_id: int, year: int, number: int | None = None):
    """The action plan: its actions, the weak points to start from, and the form of a new action
    (``number`` None; ``?question=<id>`` fills its weak point) or of action ``number``."""
    from site_template.params import parse_id

    label = label_for_staff(request, page_id)
    assessment = assessment_of(label, year)
    if (refused := _plannable(request, label, assessment)) is not None:
        return refused
    site = page_site(label)
    item = None
    if number is not None:
        item = ActionPlanItem.objects.filter(assessment=assessment, number=number).first()
        if item is None:
            raise Http404
    initial = {}
    if item is not None:
        initial = {
            "title_ar": item.title_ar, "title_fr": item.title_fr, "principle": item.principle_id,
            "question": item.question_id, "owner_ar": item.owner_ar, "owner_fr": item.owner_fr,
            "due_on": item.due_on, "status": item.status, "note_ar": item.note_ar, "note_fr": item.note_fr,
            "commitments": list(item.commitments.values_list("pk", flat=True)),
            "programme_project": str(item.programme_project_id or ""),
        }
    else:
        question_id = parse_id(request.GET.get("question"))
        question = Question.objects.filter(pk=question_id, section__questionnaire_id=assessment.questionnaire_id) \
            .first() if question_id else None
        if question is not None:
            initial = {"question": question.pk, "principle": question.principle_id}
    form = label_forms.ActionForm(request.POST or None, initial=initial, assessment=assessment,
                                  site_id=site_id_of(label), projects=tracked_items(site) if site else [])
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = assessments.action_save(
                assessment=assessment, number=number, title_ar=data["title_ar"], title_fr=data["title_fr"],
                principle=data["principle"], question=data["question"], owner_ar=data["owner_ar"],
                owner_fr=data["owner_fr"], due_on=data["due_on"], status=data["status"],
                commitments=data["commitments"], programme_project=data["programme_project"],
                note_ar=data["note_ar"], note_fr=data["note_fr"], by=request.user,
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        except ActionRefused as refused:
            _refused(refused)
        else:
            messages.success(request, _("Action %(number)s is saved.") % {"number": saved.number})
            return redirect("label_admin:plan", label.pk, assessment.year)
    actions = list(ActionPlanItem.objects.filter(assessment=assessment)
                   .select_related("principle", "question").order_by("number"))
    return TemplateResponse(request, "charter/admin/label_plan.html", {
        "label": label, "assessment": assessment, "actions": actions, "item": item, "form": form,
        "weak_points": assessments.weak_points(assessment),
    })
