"""Arabic counts and wording: every plural entry of the compiled Arabic catalogue has six forms
that read right for 0, 1, 2, 3, 11 and 100 (nplurals=6: zero, one, two, few 3–10, many 11–99,
other 100+); no singular entry glues a number to an English plural noun (it would read “2 مشاركا”);
well-known nouns take their proper forms; Wagtail's own “Snippets” and “Reports” read right."""

import re
from pathlib import Path

import polib
import pytest
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]
AR_MO = ROOT / "locale" / "ar" / "LC_MESSAGES" / "django.mo"
COUNTS = (0, 1, 2, 3, 11, 100)
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def _ar_catalogue():
    return polib.mofile(str(AR_MO))


def _plural_entries():
    return [e for e in _ar_catalogue() if e.msgid_plural]


def _render(entry, n: int) -> str:
    names = set(PLACEHOLDER.findall(entry.msgid_plural)) | set(PLACEHOLDER.findall(entry.msgid))
    with translation.override("ar"):
        if entry.msgctxt:
            text = translation.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, n)
        else:
            text = translation.ngettext(entry.msgid, entry.msgid_plural, n)
    return text % {name: n for name in names} if names else text


def test_the_catalogue_declares_six_arabic_plural_forms():
    header = _ar_catalogue().metadata["Plural-Forms"]
    assert header.startswith("nplurals=6;")


@pytest.mark.parametrize("entry", _plural_entries(), ids=lambda e: e.msgid[:50])
def test_each_plural_entry_has_six_distinct_forms(entry):
    forms = [entry.msgstr_plural.get(i, "") for i in range(6)]
    assert all(form.strip() for form in forms), forms
    # one, two, few (3–10) and many (11–99) always differ; many and other (100+) may coincide
    # (“15 يوم عمل” / “100 يوم عمل”), zero often reads like other.
    assert len({forms[1], forms[2], forms[3], forms[4]}) == 4, forms
    allowed = set(PLACEHOLDER.findall(entry.msgid_plural))
    for form in forms:
        assert set(PLACEHOLDER.findall(form)) <= allowed, (form, allowed)
    counted = set(PLACEHOLDER.findall(entry.msgid_plural))
    for index in (3, 4, 5):  # the number itself is written for 3 and more
        assert counted <= set(PLACEHOLDER.findall(forms[index])), forms[index]


@pytest.mark.parametrize("entry", _plural_entries(), ids=lambda e: e.msgid[:50])
def test_each_plural_entry_renders_for_every_category(entry):
    rendered = {n: _render(entry, n) for n in COUNTS}
    for n in (3, 11, 100):
        if PLACEHOLDER.search(entry.msgid_plural):
            assert str(n) in rendered[n], rendered[n]
    assert len({rendered[1], rendered[2], rendered[3], rendered[11]}) == 4, rendered


# msgid -> what the rendered text must contain for 1, 2, 3, 11 and 100 (and must not, for 100)
WELL_KNOWN = {
    "%(days)s day left": ("بقي يوم واحد", "بقي يومان", "بقيت 3 أيام", "بقي 11 يوما", "بقي 100 يوم"),
    "%(days)s working day left": ("بقي يوم عمل واحد", "بقي يوما عمل", "بقيت 3 أيام عمل", "بقي 11 يوم عمل",
                                  "بقي 100 يوم عمل"),
    "within %(n)s working day": ("يوم عمل واحد", "يومي عمل", "3 أيام عمل", "11 يوم عمل", "100 يوم عمل"),
    "within %(n)s day": ("يوم واحد", "يومين", "3 أيام", "11 يوما", "100 يوم"),
    "%(counter)s comment": ("تعليق واحد", "تعليقان", "3 تعليقات", "11 تعليقا", "100 تعليق"),
    "%(counter)s support": ("تأييد واحد", "تأييدان", "3 تأييدات", "11 تأييدا", "100 تأييد"),
    "%(counter)s remark": ("ملاحظة واحدة", "ملاحظتان", "3 ملاحظات", "11 ملاحظة", "100 ملاحظة"),
    "%(counter)s suggestion": ("اقتراح واحد", "اقتراحان", "3 اقتراحات", "11 اقتراحا", "100 اقتراح"),
    "%(counter)s result": ("نتيجة واحدة", "نتيجتان", "3 نتائج", "11 نتيجة", "100 نتيجة"),
    "%(n)s participant": ("مشارك واحد", "مشاركان", "3 مشاركين", "11 مشاركا", "100 مشارك"),
    "%(n)s place left": ("بقي مكان واحد", "بقي مكانان", "بقيت 3 أماكن", "بقي 11 مكانا", "بقي 100 مكان"),
    "%(counter)s online participant": ("مشارك واحد", "مشاركان", "3 مشاركين", "11 مشاركا", "100 مشارك"),
    "<strong>%(counter)s</strong> association": ("جمعية واحدة", "جمعيتان", "3</strong> جمعيات",
                                                 "11</strong> جمعية", "100</strong> جمعية"),
    "Agenda (%(n)s item)": ("نقطة واحدة", "نقطتان", "3 نقاط", "11 نقطة", "100 نقطة"),
}


@pytest.mark.parametrize("msgid", sorted(WELL_KNOWN))
def test_well_known_nouns_read_right(msgid):
    entry = next((e for e in _plural_entries() if e.msgid == msgid), None)
    assert entry is not None, f"{msgid!r} is no longer a plural entry"
    for n, expected in zip((1, 2, 3, 11, 100), WELL_KNOWN[msgid], strict=True):
        assert expected in _render(entry, n), (n, _render(entry, n), expected)
    assert "يوما" not in _render(entry, 100) and "مشاركا" not in _render(entry, 100)


COUNT_NOUN = re.compile(
    r"%\(\w+\)[sd] (?:[a-z-]+ ){0,2}(days|participants|supports|comments|remarks|people|places|results|"
    r"signatures|documents|registrants|registered|projects|characters|items|associations|women|requests)\b"
)


def test_no_singular_entry_glues_a_number_to_a_plural_noun():
    """A count next to a noun needs ngettext / {% blocktranslate count %}; a sentence with several
    counts says them as “label: number” or composes pluralised fragments."""
    offenders = [e.msgid for e in _ar_catalogue() if not e.msgid_plural and COUNT_NOUN.search(e.msgid)]
    assert offenders == []


def test_no_invented_plural_or_double_optional_in_arabic():
    texts = []
    for entry in _ar_catalogue():
        texts.extend(entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr])
    for bad in ("دعمات", "(اختياري) (اختياري)", "قدمه ", "قدمته "):
        assert not [t for t in texts if bad in t], bad


def test_wagtail_snippets_and_reports_keep_proper_arabic():
    with translation.override("ar"):
        assert translation.gettext("Snippets") == "القوائم المرجعية"
        assert translation.gettext("Reports") == "التقارير"  # Wagtail's own menu, not overridden
        assert translation.pgettext("moderation", "Reports") == "التبليغات"


@pytest.mark.django_db
def test_admin_menu_says_reports_and_snippets_in_proper_arabic(client, commune_site, django_user_model):
    import json

    admin = django_user_model.objects.create_superuser(email="root@example.ma", password="x-long-password-1")
    client.force_login(admin)
    body = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    props = body.split('id="wagtail-sidebar-props"', 1)[1].split(">", 1)[1].split("</script>", 1)[0]
    menu = json.dumps(json.loads(props), ensure_ascii=False)
    assert '"التقارير"' in menu and '"القوائم المرجعية"' in menu
    assert "قصصات" not in menu and '"التبليغات"' not in menu
