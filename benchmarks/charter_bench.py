#!/usr/bin/env python
"""Benchmark of the participation charter and the Citizen-Commune Label, served like production
(issue 12 quality bar).

    .venv/bin/python benchmarks/charter_bench.py [--commitments 10 200] [--questions 25 250]
        [--duration 10] [--concurrency 8] [--workers 3] [--database-url URL] [--keep]

For each size (the n-th ``--commitments`` with the n-th ``--questions``), builds a throwaway
commune in its own database (SQLite in a temporary folder, or the dedicated, empty PostgreSQL
database given by ``--database-url`` / ``BENCH_DATABASE_URL``) and seeds through ``bulk_create``:

* a charter of ``N`` commitments over the seven principles (statuses in turn; every other one
  measured by the site from one of five computed indicators, the others typed), one published
  evaluation per 20 commitments (at least two), each finding every commitment, one unpublished
  evaluation, and 25 citizens rating every commitment (25 ratings per commitment);
* a label of ``Q`` questions (five sections, four answers each) with three public years of
  answers (2023 and 2024 verified, every fifth answer corrected; 2025 validated), a draft 2026,
  and an action plan of ``Q / 5`` actions on 2025, each serving two commitments;

in the seed, counts the SQL queries and times (median of 7 requests, Django test client) the
scorecard, the charter page, a commitment page (about the middle one, computed), the label page and the 2025 page, anonymous and
logged in, cold (the content cache renewed before each request: computed) and hot (anonymous:
the page cache; logged in: what is kept in the content cache, the rest per request); then serves
the site with gunicorn and the production settings next to a bare Django view and measures
requests/s and latency percentiles for the scorecard and the label page, anonymous (page cache)
and logged in. Last, the cold query counts of every size side by side: issue 12 asks that the
scorecard and the label summary run a fixed number of SQL queries whatever the number of
commitments and answers.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.budget_bench import RUNS, _timed  # noqa: E402
from benchmarks.harness import Page, add_arguments, run  # noqa: E402
from benchmarks.participation_bench import login_session  # noqa: E402

RATERS = 25
#: Every other commitment is measured by the site from one of these (the same five at every size,
#: so the charter reads the same number of indicators: one query each).
COMPUTED = (
    "meetings.held",
    "meetings.reports_published",
    "info_requests.received",
    "budget.published_on_time",
    "consultations.synthesis_published",
)
SECTIONS = 5
CHOICES = (0, 1, 2, 3)
YEARS = (2023, 2024, 2025)  # public: verified, verified, validated
DRAFT_YEAR = 2026
#: The pages measured (seed JSON key, label), in the order printed.
PAGES = (
    ("scorecard", "scorecard"),
    ("charter", "charter index"),
    ("commitment", "commitment"),
    ("label", "label"),
    ("year", f"label year {YEARS[-1]}"),
)


def _bulk(model, objects: list) -> list:
    """``bulk_create`` in batches; the ids are set (SQLite ≥ 3.35 and PostgreSQL return them)."""
    created = model.objects.bulk_create(objects, batch_size=1000)
    assert not created or created[0].pk is not None, model
    return created


def _citizens(n: int) -> list:
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    User = get_user_model()
    password = make_password("bench-password-123")
    users = _bulk(
        User,
        [
            User(
                username=f"bench{i}@example.ma",
                email=f"bench{i}@example.ma",
                password=password,
                display_name=f"مواطن {i}",
            )
            for i in range(n)
        ],
    )
    _bulk(EmailAddress, [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users])
    return users


def _charter(charter, site, principles: list, citizens: list, *, n: int) -> dict:
    """The commitments with their threads and ratings, the evaluations with their findings."""
    from django.utils import timezone

    from participation.charter.models import (
        COMMITMENT_KIND,
        Commitment,
        CommitmentStatus,
        Evaluation,
        EvaluationFinding,
        Evaluator,
    )
    from participation.core.models import Contribution, Rating, StatusChange

    now = timezone.now()
    statuses = list(CommitmentStatus.values)
    threads = _bulk(
        Contribution,
        [
            Contribution(
                site=site,
                page=charter,
                kind=COMMITMENT_KIND,
                entered_by_staff=True,
                title=f"{k}. الالتزام {k}",
                text=f"وعد الجماعة رقم {k}",
                created_at=now,
            )
            for k in range(1, n + 1)
        ],
    )
    _bulk(
        StatusChange,
        [StatusChange(contribution=t, from_status="", to_status=t.status, at=now) for t in threads],
    )
    commitments = _bulk(
        Commitment,
        [
            Commitment(
                charter=charter,
                principle=principles[(k - 1) % len(principles)],
                number=k,
                contribution=thread,
                title_ar=f"الالتزام {k}",
                title_fr=f"Engagement {k}",
                promise_ar=f"وعد الجماعة رقم {k}",
                promise_fr=f"Promesse numéro {k}",
                indicator_ar="عدد اللقاءات",
                indicator_fr="Nombre de réunions",
                unit_ar="لقاء",
                unit_fr="réunions",
                baseline=Decimal("0"),
                target=Decimal("12"),
                current_value=None if k % 2 else Decimal(k % 12),
                indicator_source=COMPUTED[(k // 2) % len(COMPUTED)] if k % 2 else "",
                status=statuses[(k - 1) % len(statuses)],
                status_note_ar=f"ملاحظة عن الالتزام {k}",
                due_on=dt.date(2025 + k % 3, 6, 30),
                responsible_service_ar="مصلحة الشؤون الإدارية",
                responsible_service_fr="Service des affaires administratives",
            )
            for k, thread in zip(range(1, n + 1), threads, strict=True)
        ],
    )
    ratings = [
        Rating(user=user, contribution=thread, value=(k + i) % 3 + 1, created_at=now, updated_at=now)
        for k, thread in enumerate(threads, start=1)
        for i, user in enumerate(citizens)
    ]
    _bulk(Rating, ratings)
    totals: dict[int, int] = {}
    for rating in ratings:
        totals[rating.contribution_id] = totals.get(rating.contribution_id, 0) + rating.value
    for thread in threads:
        thread.rating_count, thread.rating_total = len(citizens), totals[thread.pk]
    Contribution.objects.bulk_update(threads, ["rating_count", "rating_total"], batch_size=1000)
    evaluations = max(2, n // 20)
    for e in range(evaluations):
        evaluation = Evaluation.objects.create(
            charter=charter,
            evaluated_on=dt.date(2024, 1, 15) + dt.timedelta(days=60 * e),
            evaluator=Evaluator.MIXED_COMMITTEE if e % 2 else Evaluator.CIVIL_SOCIETY,
            evaluator_name=f"لجنة التقييم {e + 1}",
            summary_ar=f"خلاصة التقييم {e + 1}",
            summary_fr=f"Synthèse de l'évaluation {e + 1}",
            score=Decimal(40 + e % 50),
            is_published=True,
        )
        _bulk(
            EvaluationFinding,
            [
                EvaluationFinding(
                    evaluation=evaluation,
                    commitment=c,
                    sort_order=c.number,
                    status=statuses[(c.number + e) % len(statuses)],
                    value=Decimal(e % 12),
                    finding_ar=f"ملاحظة {e + 1}-{c.number}",
                    finding_fr=f"Constat {e + 1}-{c.number}",
                )
                for c in commitments
            ],
        )
    hidden = Evaluation.objects.create(
        charter=charter,
        evaluated_on=dt.date(2026, 3, 1),
        evaluator=Evaluator.COMMUNE,
        summary_ar="تقييم غير منشور",
        is_published=False,
    )
    _bulk(
        EvaluationFinding,
        [
            EvaluationFinding(evaluation=hidden, commitment=c, status=CommitmentStatus.KEPT)
            for c in commitments
        ],
    )
    return {
        "commitments": commitments,
        "evaluations": evaluations,
        "findings": evaluations * n,
        "ratings": len(ratings),
    }


def _label(label, site, principles: list, commitments: list, *, n: int) -> dict:
    """The questionnaire, three public years of answers and a draft, the latest year's action plan."""
    from django.utils import timezone

    from participation.charter import scoring
    from participation.charter.models import (
        ActionPlanItem,
        ActionStatus,
        Answer,
        AnswerChoice,
        Assessment,
        AssessmentStatus,
        Question,
        Questionnaire,
        QuestionnaireSection,
    )

    now = timezone.now()
    questionnaire = Questionnaire.objects.create(
        site=site, title_ar="استمارة التقييم الذاتي", title_fr="Questionnaire d'autoévaluation"
    )
    sections = _bulk(
        QuestionnaireSection,
        [
            QuestionnaireSection(
                questionnaire=questionnaire,
                number=s,
                sort_order=s,
                title_ar=f"المحور {s}",
                title_fr=f"Axe {s}",
            )
            for s in range(1, SECTIONS + 1)
        ],
    )
    questions = _bulk(
        Question,
        [
            Question(
                section=sections[q % SECTIONS],
                code=f"{q % SECTIONS + 1}.{q // SECTIONS + 1}",
                sort_order=q,
                text_ar=f"هل تنشر الجماعة الوثيقة رقم {q + 1}؟",
                text_fr=f"La commune publie-t-elle le document {q + 1} ?",
                principle=principles[q % len(principles)],
                verification_sources_ar="محضر الدورة\nقرار المجلس",
                verification_sources_fr="Procès-verbal\nDélibération",
            )
            for q in range(n)
        ],
    )
    choices = _bulk(
        AnswerChoice,
        [
            AnswerChoice(
                question=question, sort_order=k, text_ar=f"الجواب {k}", text_fr=f"Réponse {k}", points=points
            )
            for question in questions
            for k, points in enumerate(CHOICES)
        ],
    )
    by_question = [choices[q * len(CHOICES) : (q + 1) * len(CHOICES)] for q in range(n)]
    answers = 0
    latest = None
    for year in (*YEARS, DRAFT_YEAR):
        verified = year in YEARS[:2]
        assessment = Assessment.objects.create(
            label=label,
            year=year,
            questionnaire=questionnaire,
            summary_ar=f"التقييم الذاتي لسنة {year}",
            summary_fr=f"Autoévaluation {year}",
        )
        rows = []
        for q, question in enumerate(questions):
            choice = by_question[q][(q + year) % len(CHOICES)]
            corrected = by_question[q][0] if q % 5 == 0 else choice
            rows.append(
                Answer(
                    assessment=assessment,
                    question=question,
                    choice=choice,
                    answered_at=now,
                    comment=f"تعليق {q + 1}" if q % 3 == 0 else "",
                    verified_choice=corrected if verified else None,
                    verification_note="تصحيح" if verified and q % 5 == 0 else "",
                    verified_at=now if verified else None,
                )
            )
        answers += len(_bulk(Answer, rows))
        if year == DRAFT_YEAR:
            continue
        assessment.self_scores = scoring.assessment_scores(assessment).as_json()
        assessment.validated_at, assessment.validated_as = now, "رئيس المجلس الجماعي"
        assessment.status = AssessmentStatus.VALIDATED
        if verified:
            assessment.final_scores = scoring.assessment_scores(assessment, verified=True).as_json()
            assessment.verified_at, assessment.visit_on = now, dt.date(year, 11, 12)
            assessment.verification_team = "الفريق التقني"
            assessment.verification_note_ar = "تحقق الفريق التقني من مصادر التحقق"
            assessment.status = AssessmentStatus.VERIFIED
        assessment.save()
        latest = assessment
    actions = _bulk(
        ActionPlanItem,
        [
            ActionPlanItem(
                assessment=latest,
                number=k,
                title_ar=f"الإجراء {k}",
                title_fr=f"Action {k}",
                principle=principles[k % len(principles)],
                question=questions[(k * 5) % n],
                owner_ar="مصلحة التواصل",
                due_on=dt.date(2025, 1, 1) + dt.timedelta(days=10 * k),
                status=ActionStatus.PLANNED if k % 2 else ActionStatus.IN_PROGRESS,
            )
            for k in range(1, n // 5 + 1)
        ],
    )
    through = ActionPlanItem.commitments.through
    _bulk(
        through,
        [
            through(
                actionplanitem_id=action.pk,
                commitment_id=commitments[(action.number + j) % len(commitments)].pk,
            )
            for action in actions
            for j in (0, 1)
        ],
    )
    return {"questions": n, "answers": answers, "actions": len(actions)}


def _measured(n: int) -> int:
    """The commitment page measured: about the middle one, numbered 10 k + 1, so at every size
    computed from the same indicator (each indicator reads its own number of queries)."""
    return n // 20 * 10 + 1


def seed(n_commitments: int, n_questions: int) -> dict:
    import django

    django.setup()
    from django.test import Client
    from wagtail.models import Site

    from participation.charter.principles import principles_ensure
    from participation.core.caching import content_changed
    from tests.charter.conftest import make_charter, make_label

    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    principles = list(principles_ensure(site=site))
    charter, _charter_fr = make_charter(home, slug="bench-charter")
    label, _label_fr = make_label(home, slug="bench-label")
    citizens = _citizens(RATERS)
    charter_counts = _charter(charter, site, principles, citizens, n=n_commitments)
    label_counts = _label(label, site, principles, charter_counts.pop("commitments"), n=n_questions)
    content_changed()
    paths = {
        "scorecard": charter.url + charter.reverse_subpage("scorecard_route"),
        "charter": charter.url,
        "commitment": charter.url
        + charter.reverse_subpage("commitment_route", args=[_measured(n_commitments)]),
        "label": label.url,
        "year": label.url + label.reverse_subpage("assessment_route", args=[YEARS[-1]]),
    }
    host = f"{site.hostname}:{site.port}"
    anonymous = Client(HTTP_HOST=host)
    logged_in = Client(HTTP_HOST=host)
    logged_in.force_login(citizens[0])  # one of the raters: the commitment page shows their rating
    timings = {}
    for key, _label_text in PAGES:
        path = paths[key]
        row = {}
        for who, client in (("anonymous", anonymous), ("logged in", logged_in)):
            client.get(path)  # warm the per-process caches
            row[f"{who}, cold"] = _timed(client, path, before=content_changed)
            client.get(path)
            row[f"{who}, hot"] = _timed(client, path)
        timings[key] = {name: [round(ms, 1), queries] for name, (ms, queries) in row.items()}
    return {
        **paths,
        "session": login_session(citizens[0]),
        "sizes": {**charter_counts, **label_counts, "commitments": n_commitments},
        "timings": timings,
        "queries": {f"{text} page, cold": (200, timings[key]["logged in, cold"][1]) for key, text in PAGES},
    }


def _summary(seeded: dict) -> str:
    """The timings table, then what was seeded (the harness appends the seeding time)."""
    s = seeded["sizes"]
    lines = [f"  {'page':24} {'scenario':18} {'ms':>8} {'queries':>8}   (median of {RUNS}, test client)"]
    for key, text in PAGES:
        for name, (ms, queries) in seeded["timings"][key].items():
            lines.append(f"  {text:24} {name:18} {ms:8.1f} {queries:8d}")
    lines.append(
        f"seeded {s['commitments']} commitments, {s['evaluations']} published evaluations ({s['findings']} findings),"
        f" {s['ratings']} ratings; a label of {s['questions']} questions, {s['answers']} answers"
        f" (3 public years and a draft), {s['actions']} actions; measured"
    )
    return "\n".join(lines)


def _side_by_side(runs: list[dict]) -> str:
    """The cold query counts of every size, a column each, and whether they stay the same."""
    heads = [f"{r['sizes']['commitments']} c. / {r['sizes']['questions']} q." for r in runs]
    lines = [
        "SQL queries, cold (computed), by size (commitments / label questions):",
        f"  {'page':24} {'visitor':10} " + " ".join(f"{h:>18}" for h in heads) + "  fixed",
    ]
    for key, text in PAGES:
        for who in ("anonymous", "logged in"):
            counts = [r["timings"][key][f"{who}, cold"][1] for r in runs]
            fixed = "yes" if len(set(counts)) == 1 else "NO"
            lines.append(f"  {text:24} {who:10} " + " ".join(f"{c:>18d}" for c in counts) + f"  {fixed}")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--commitments",
        type=int,
        nargs="+",
        default=[10, 200],
        help="commitments of the charter (one run each)",
    )
    parser.add_argument(
        "--questions",
        type=int,
        nargs="+",
        default=[25, 250],
        help="questions of the label, one per --commitments size",
    )
    add_arguments(parser)
    args = parser.parse_args(argv)
    if len(args.commitments) != len(args.questions):
        parser.error("give as many --questions sizes as --commitments sizes")
    if min(args.commitments) < 2 or min(args.questions) < 5:
        parser.error("at least 2 commitments and 5 questions")
    seeded_runs: list[dict] = []

    def summary(seeded: dict) -> str:
        seeded_runs.append(seeded)
        return _summary(seeded)

    status = 0
    for n_commitments, n_questions in zip(args.commitments, args.questions, strict=True):
        print(f"== {n_commitments} commitments, a label of {n_questions} questions ==")
        status |= run(
            args,
            prefix="charter-bench-",
            script=__file__,
            seed_args=[str(n_commitments), str(n_questions)],
            summary=summary,
            pages=[Page("scorecard", "scorecard"), Page("label", "label")],
        )
        print()
    print(_side_by_side(seeded_runs))
    return status


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "_seed":
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_template.settings.dev")
        print(json.dumps(seed(int(sys.argv[2]), int(sys.argv[3]))))
        sys.exit(0)
    sys.exit(main(sys.argv[1:]))
