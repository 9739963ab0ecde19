"""The forms of the label's staff screens (cleaning and translated errors only; the writes are in
``assessments``): a year to open, a section of the questionnaire, the validation, the
verification of the answers and its closing, an action of the plan."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .assessments import EVIDENCE_ACCEPT
from .models import ActionStatus, Commitment, Principle, Question

RTL = {"dir": "rtl", "lang": "ar"}
LTR = {"dir": "ltr", "lang": "fr"}


class OpenYearForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)


def _choice_options(question: Question) -> list[tuple[str, str]]:
    return [(str(c.pk), f"{c.text} ({c.points})") for c in question.choices.all()]


class SectionForm(forms.Form):
    """The questions of one section: for each, the answer (radio buttons), a comment, and an
    evidence file with its title. Field names carry the question's id (``q12-choice``)."""

    def __init__(self, *args, questions, answers: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            answer = answers.get(question.pk)
            prefix = f"q{question.pk}"
            self.fields[f"{prefix}-choice"] = forms.ChoiceField(
                label=question.text, required=False, widget=forms.RadioSelect,
                choices=_choice_options(question),
                initial=str(answer.choice_id) if answer and answer.choice_id else None,
            )
            self.fields[f"{prefix}-comment"] = forms.CharField(
                label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                initial=answer.comment if answer else "",
            )
            self.fields[f"{prefix}-evidence_title"] = forms.CharField(
                label=_("Title of the document"), required=False, max_length=255)
            self.fields[f"{prefix}-evidence_file"] = forms.FileField(
                label=_("Source of verification (file)"), required=False,
                widget=forms.ClearableFileInput(attrs={"accept": EVIDENCE_ACCEPT}),
            )

    def clean(self):
        cleaned = super().clean()
        for question in self.questions:
            prefix = f"q{question.pk}"
            if cleaned.get(f"{prefix}-evidence_file") and not (cleaned.get(f"{prefix}-evidence_title") or "").strip():
                self.add_error(f"{prefix}-evidence_title", _("Give the document a title."))
        return cleaned

    def choice_of(self, question: Question):
        value = self.cleaned_data.get(f"q{question.pk}-choice")
        return next((c for c in question.choices.all() if str(c.pk) == value), None)

    def rows(self, *, answers: dict, evidence: dict) -> list[dict]:
        return [
            {
                "question": q,
                "answer": answers.get(q.pk),
                "evidence": evidence.get(q.pk, []),
                "choice": self[f"q{q.pk}-choice"],
                "comment": self[f"q{q.pk}-comment"],
                "evidence_title": self[f"q{q.pk}-evidence_title"],
                "evidence_file": self[f"q{q.pk}-evidence_file"],
            }
            for q in self.questions
        ]


class ValidateForm(forms.Form):
    validated_as = forms.CharField(
        label=_("Name and office of the signatory"), max_length=255,
        help_text=_("The president of the council, or the delegate who validates in the president's name."),
    )
    confirm = forms.BooleanField(
        label=_("I validate this self-assessment in the name of the president: its answers can no longer be changed."),
    )


class VerifyAnswersForm(forms.Form):
    """Per answer: the answer the technical team found (the commune's, or another) and a note."""

    def __init__(self, *args, answers, **kwargs):
        super().__init__(*args, **kwargs)
        self.answers = list(answers)
        for answer in self.answers:
            initial = answer.verified_choice_id or answer.choice_id
            self.fields[f"a{answer.pk}-choice"] = forms.ChoiceField(
                label=answer.question.text, required=False, widget=forms.RadioSelect,
                choices=_choice_options(answer.question), initial=str(initial) if initial else None,
            )
            self.fields[f"a{answer.pk}-note"] = forms.CharField(
                label=_("Note of the technical team"), required=False,
                widget=forms.Textarea(attrs={"rows": 2}), initial=answer.verification_note,
            )

    def choice_of(self, answer):
        value = self.cleaned_data.get(f"a{answer.pk}-choice")
        return next((c for c in answer.question.choices.all() if str(c.pk) == value), None)

    def rows(self) -> list[dict]:
        return [{"answer": a, "choice": self[f"a{a.pk}-choice"], "note": self[f"a{a.pk}-note"]} for a in self.answers]


class CloseVerificationForm(forms.Form):
    visit_on = forms.DateField(label=_("Date of the verification visit"),
                               widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    team = forms.CharField(label=_("Technical team"), max_length=500,
                           help_text=_("The members of the team who visited the commune."))
    note_ar = forms.CharField(label=_("Verification report in Arabic"), required=False,
                              widget=forms.Textarea(attrs={"rows": 4, **RTL}))
    note_fr = forms.CharField(label=_("Verification report in French"), required=False,
                              widget=forms.Textarea(attrs={"rows": 4, **LTR}))

    def clean_visit_on(self):
        value = self.cleaned_data.get("visit_on")
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("The visit cannot be in the future."))
        return value


class ActionForm(forms.Form):
    title_ar = forms.CharField(label=_("Action in Arabic"), max_length=255, widget=forms.TextInput(attrs=RTL))
    title_fr = forms.CharField(label=_("Action in French"), max_length=255, required=False,
                               widget=forms.TextInput(attrs=LTR))
    principle = forms.ModelChoiceField(label=_("Principle"), queryset=Principle.objects.none())
    question = forms.ModelChoiceField(label=_("Weak point (question)"), queryset=Question.objects.none(),
                                      required=False)
    owner_ar = forms.CharField(label=_("Owner in Arabic"), max_length=200, required=False,
                               widget=forms.TextInput(attrs=RTL))
    owner_fr = forms.CharField(label=_("Owner in French"), max_length=200, required=False,
                               widget=forms.TextInput(attrs=LTR))
    due_on = forms.DateField(label=_("Deadline"), required=False,
                             widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices, initial=ActionStatus.PLANNED)
    note_ar = forms.CharField(label=_("Progress note in Arabic"), required=False,
                              widget=forms.Textarea(attrs={"rows": 2, **RTL}))
    note_fr = forms.CharField(label=_("Progress note in French"), required=False,
                              widget=forms.Textarea(attrs={"rows": 2, **LTR}))
    commitments = forms.ModelMultipleChoiceField(label=_("Charter commitments"), queryset=Commitment.objects.none(),
                                                 required=False, widget=forms.CheckboxSelectMultiple)
    programme_project = forms.ChoiceField(label=_("Programme project"), required=False)

    def __init__(self, *args, assessment, site_id: int, projects: list, **kwargs):
        super().__init__(*args, **kwargs)
        from participation.core.pages import in_source_language
        from site_template.communes.selectors import pages_of_sites_q

        from .models import CharterPage

        self.fields["principle"].queryset = Principle.objects.filter(site_id=site_id).order_by("number")
        self.fields["question"].queryset = (
            Question.objects.filter(section__questionnaire_id=assessment.questionnaire_id)
            .order_by("section__sort_order", "sort_order", "pk")
        )
        charters = in_source_language(CharterPage.objects.filter(pages_of_sites_q([site_id])))
        self.fields["commitments"].queryset = (
            Commitment.objects.filter(charter__in=charters).order_by("charter", "number")
        )
        self.projects = {str(item.contribution.pk): item.contribution for item in projects}
        self.fields["programme_project"].choices = [("", "—"), *((str(i.contribution.pk), i.label) for i in projects)]

    def clean_programme_project(self):
        value = self.cleaned_data.get("programme_project")
        return self.projects.get(value) if value else None
