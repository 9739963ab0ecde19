"""Demo suggestions, comments, supports and an official answer (``create_commune --demo``)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from participation.core import services as core
from participation.core.models import Category, Contribution
from site_template.communes.models import Neighbourhood
from site_template.communes.roles import Role

from .models import KIND

DEMO = [
    {
        "title": "إصلاح الإنارة العمومية بشارع الحسن الثاني",
        "text": "عدد من أعمدة الإنارة معطلة منذ أسابيع قرب المدرسة، مما يجعل الطريق مظلما في المساء. "
        "نقترح إصلاحها واستعمال مصابيح اقتصادية.",
        "category": 1,
        "days": 20,
    },
    {
        "title": "Aménager un passage piéton devant le marché municipal",
        "text": "Les voitures roulent vite devant le marché et traverser est dangereux, surtout pour les "
        "personnes âgées. Un passage piéton avec un ralentisseur serait utile.",
        "category": 4,
        "days": 12,
    },
    {
        "title": "حاويات إضافية للنفايات بالحي الجديد",
        "text": "الحاويات الحالية لا تكفي وتمتلئ قبل مرور شاحنة الجمع. نقترح إضافة حاويات وتنظيم "
        "مواعيد الجمع وإخبار السكان بها.",
        "category": 2,
        "days": 6,
    },
    {
        "title": "ملعب للقرب لفائدة شباب الحي",
        "text": "لا يتوفر الحي على أي فضاء رياضي. نقترح تهيئة الأرض غير المستغلة قرب دار الشباب "
        "كملعب للقرب مفتوح للجميع.",
        "category": 5,
        "days": 2,
    },
]


def demo_suggestions_create(*, site, page, demo_users: dict) -> None:
    if Contribution.objects.filter(page_id=page.pk, kind=KIND).exists():
        return
    citizens = [u for key in ("citizen", "citizen2", "association") if (u := demo_users.get(key))]
    if not citizens:
        return
    focal = demo_users.get(Role.FOCAL_POINT) or demo_users.get(Role.FOCAL_POINT.value)
    categories = list(Category.objects.filter(site=site))
    neighbourhoods = list(Neighbourhood.objects.filter(site=site))
    now = timezone.now()
    created = []
    for i, item in enumerate(DEMO):
        author = citizens[i % len(citizens)]
        suggestion = core.contribution_create(
            page=page,
            author=author,
            kind=KIND,
            title=item["title"],
            text=item["text"],
            category=categories[item["category"] % len(categories)] if categories else None,
            neighbourhood=neighbourhoods[i % len(neighbourhoods)] if neighbourhoods else None,
            created_at=now - timedelta(days=item["days"]),
        )
        created.append(suggestion)
        for other in citizens:
            if other != author:
                core.support_toggle(contribution=suggestion, user=other, want=True)
        if len(citizens) > 1:
            commenter = citizens[(i + 1) % len(citizens)]
            core.comment_create(
                contribution=suggestion, author=commenter, text="فكرة جيدة، أتفق معها تماما." if i % 2 == 0 else "Bonne idée, je soutiens."
            )
    if focal is not None and created:
        core.contribution_set_status(
            contribution=created[0],
            status="accepted",
            by=focal,
            answer="شكرا على هذا الاقتراح. تمت برمجة إصلاح الإنارة بهذا الشارع ضمن أشغال الشهر المقبل.",
        )
        core.contribution_set_status(
            contribution=created[2], status="under_study", by=focal, reason="الملف قيد الدراسة لدى المصلحة التقنية."
        )
