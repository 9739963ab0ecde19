"""The one set of spelling rules search uses (``site_template.search.normalise``)."""

import pytest

from site_template.search.normalise import fold, index_text, query_terms, token_forms


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        ("أكتوبر", "اكتوبر"), ("إعلان", "اعلان"), ("آراء", "اراء"), ("ٱلله", "الله"),
        ("المدرسة", "المدرسه"), ("مستشفى", "مستشفي"),
        ("مُوَاطِنٌ", "مواطن"), ("مـــواطن", "مواطن"), ("ﻻ", "لا"),
        ("کتاب", "كتاب"), ("ایران", "ايران"), ("ڭاع", "كاع"), ("ڤيلا", "فيلا"),
        ("٢٠٢٤", "2024"), ("۱۴۰۳", "1403"),
        ("Élection", "election"), ("l'été", "ete"), ("L’ÉCOLE", "ecole"), ("qu'il", "il"),
        ("d'eau", "eau"), ("cœur", "coeur"), ("aujourd'hui", "aujourd hui"),
    ],
)
def test_fold(typed, folded):
    assert fold(typed) == folded


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("اعلان", "إعلان"), ("تشاور", "التشاور"), ("اكتوبر", "أكتوبر"), ("ميزانية", "الميزانية"),
        ("ميزانيه", "الميزانية"), ("المدارس", "والمدارس"), ("مدرسة", "بالمدرسة"), ("مياه", "المياه"),
        ("اقتراح", "الاقتراحات"), ("مواطن", "المواطنين"), ("طرق", "الطرقات"),
        ("election", "élections"), ("reunion", "réunions"), ("ecole", "écoles"), ("eau", "l'eau"),
        ("quartier", "quartiers"),
    ],
)
def test_variants_share_a_form(one, other):
    """A query word finds a document word when they share a form: the examples of issue 16."""
    assert set(token_forms(one)) & set(token_forms(other)), (token_forms(one), token_forms(other))


def test_unrelated_words_share_none():
    assert not set(token_forms("الماء")) & set(token_forms("الميزانية"))
    assert not set(token_forms("budget")) & set(token_forms("école"))


def test_index_text_and_query_terms_agree():
    assert index_text("إعلانٌ عن الميزانيـــة") == "اعلان اعل عن الميزانيه ميزان ميزانيه"
    assert query_terms("اعلان ميزانية") == [("اعلان", "اعل"), ("ميزانيه", "ميزان")]
    assert query_terms("  '\"<>  ") == []
    assert index_text("") == ""
