"""Demo documents for ``create_commune --demo``: small real PDF and CSV files in categories."""

from __future__ import annotations

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from .models import DocumentCategory, DocumentCategoryItem


def simple_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with Latin-1 text lines (Helvetica), written by hand: no dependency needed."""

    def esc(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    stream = "BT /F1 12 Tf 56 780 Td 16 TL " + " ".join(f"({esc(line)}) '" for line in lines) + " ET"
    stream_bytes = stream.encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length " + str(len(stream_bytes)).encode() + b" >>\nstream\n" + stream_bytes + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


DEMO_CATEGORIES = [
    ("council-decisions", "مقررات المجلس ومحاضر الدورات", "Décisions et procès-verbaux du conseil",
     "Loi 31-13, art. 10 ; loi organique 113.14, art. 273"),
    ("budget", "الميزانية وميزانية المواطن", "Budget et budget citoyen", "Loi 31-13, art. 10"),
    ("plans", "برنامج عمل الجماعة وبرنامج الانفتاح", "Programme d'action et programme d'ouverture",
     "Loi organique 113.14, art. 78-82"),
]

DEMO_DOCUMENTS = [
    ("council-decisions", "محضر الدورة العادية لشهر ماي — Procès-verbal de la session ordinaire de mai", "pv-session-mai.pdf",
     ["Commune de Larache - Conseil communal", "Proces-verbal de la session ordinaire de mai",
      "Seance publique (loi organique 113.14, art. 48)", "Points examines : budget, espaces verts,",
      "convention de partenariat avec les associations.", "Decisions affichees dans les 8 jours (art. 273)."]),
    ("plans", "برنامج الانفتاح لجماعة العرائش — Programme d'ouverture de la commune de Larache (octobre 2023)", "programme-ouverture.pdf",
     ["Programme d'ouverture - Commune de Larache", "68 Ameliorer les mecanismes de communication",
      "69 Guide de promotion des atouts de la commune", "70 Entretien et preservation des espaces verts",
      "85 Budget citoyen", "86 Budget participatif"]),
    ("budget", "ميزانية المواطن: الأرقام الرئيسية — Budget citoyen : principaux chiffres", "budget-citoyen.csv", None),
]

BUDGET_CSV = (
    "poste,montant_mad\n"
    "Recettes de fonctionnement,182000000\n"
    "Dépenses de fonctionnement,151000000\n"
    "Excédent affecté à l'investissement,31000000\n"
    "Espaces verts,4200000\n"
    "Éclairage public,9800000\n"
)


def create_demo_documents(*, site, collection=None) -> None:
    Document = get_document_model()
    categories = {}
    for order, (slug, name_ar, name_fr, ref) in enumerate(DEMO_CATEGORIES):
        categories[slug], _created = DocumentCategory.objects.get_or_create(
            site=site, slug=slug,
            defaults={"name_ar": name_ar, "name_fr": name_fr, "legal_reference": ref, "sort_order": order},
        )
    for slug, title, filename, lines in DEMO_DOCUMENTS:
        category = categories[slug]
        if category.items.filter(document__title=title).exists():
            continue
        content = simple_pdf(lines) if lines else BUDGET_CSV.encode("utf-8")
        kwargs = {"collection": collection} if collection is not None else {}
        document = Document(title=title, file=ContentFile(content, name=filename), **kwargs)
        document.save()
        DocumentCategoryItem.objects.create(category=category, document=document,
                                            sort_order=category.items.count())
