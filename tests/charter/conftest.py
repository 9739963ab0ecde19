"""Fixtures for the charter and the label: the pages (Arabic + French) under the commune's home
page, the seven principles, commitments with their participation threads, and a small
questionnaire whose scores are easy to compute by hand.

Helpers adding fixtures: append them at the end, under a comment naming your part."""

from __future__ import annotations

import pytest

from participation.charter.models import (
    AnswerChoice,
    CharterPage,
    Commitment,
    LabelPage,
    Question,
    Questionnaire,
    QuestionnaireSection,
)
from participation.charter.principles import principles_ensure
from participation.charter.services import commitment_thread
from site_template.pages.tree import add_translated_child


def make_charter(home_ar, *, slug="charter", **extra) -> tuple[CharterPage, CharterPage]:
    return add_translated_child(
        home_ar, page_class=CharterPage,
        ar={"title": "ميثاق المشاركة", "slug": slug}, fr={"title": "Charte de la participation", "slug": slug},
        **extra,
    )


def make_label(home_ar, *, slug="label", **extra) -> tuple[LabelPage, LabelPage]:
    return add_translated_child(
        home_ar, page_class=LabelPage,
        ar={"title": "ميزة الجماعة المواطنة", "slug": slug}, fr={"title": "Label Commune citoyenne", "slug": slug},
        **extra,
    )


def make_commitment(charter: CharterPage, principle, *, number: int, **fields) -> Commitment:
    """A commitment of ``charter`` (the source page) with its participation thread."""
    fields.setdefault("title_ar", f"الالتزام {number}")
    fields.setdefault("title_fr", f"Engagement {number}")
    commitment = Commitment.objects.create(charter=charter, principle=principle, number=number, **fields)
    commitment_thread(commitment=commitment)
    return commitment


def make_questionnaire(site, *, questions: list[tuple[str, list[int]]]) -> Questionnaire:
    """A questionnaire of one section whose question ``n`` scores the principle ``questions[n][0]``
    with answers worth ``questions[n][1]`` points."""
    principles = {p.code: p for p in principles_ensure(site=site)}
    questionnaire = Questionnaire.objects.create(site=site, title_ar="استمارة التقييم الذاتي",
                                                 title_fr="Questionnaire d'autoévaluation")
    section = QuestionnaireSection.objects.create(questionnaire=questionnaire, number=1, sort_order=0,
                                                  title_ar="الهيئات المنتخبة", title_fr="Organes élus")
    for n, (code, points) in enumerate(questions, start=1):
        question = Question.objects.create(section=section, code=f"1.{n}", sort_order=n,
                                           text_ar=f"السؤال {n}", text_fr=f"Question {n}",
                                           principle=principles[code])
        for k, value in enumerate(points):
            AnswerChoice.objects.create(question=question, sort_order=k, text_ar=f"الجواب {k}",
                                        text_fr=f"Réponse {k}", points=value)
    return questionnaire


@pytest.fixture
def principles(commune_site):
    """The commune's seven principles, by code."""
    return {p.code: p for p in principles_ensure(site=commune_site)}


@pytest.fixture
def charter(home_ar, principles):
    """A charter page ``(ar, fr)``."""
    return make_charter(home_ar)


@pytest.fixture
def label(home_ar, principles):
    """A label page ``(ar, fr)``."""
    return make_label(home_ar)
