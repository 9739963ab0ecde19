"""How search reads Arabic and French: the same rules at indexing and at query time, on every
backend (Wagtail's database backend gets the text already normalised, Elasticsearch gets the
same rules as analyzers in ``documents.py``).

- ``fold(text)``: the spelling a citizen may or may not type is taken away. Arabic: hamza forms
  of alef (أ إ آ ٱ → ا), alef maqsura (ى → ي), ta marbuta (ة → ه), tashkeel and tatweel removed,
  Persian/Urdu and Maghrebi letter variants folded (ک → ك, ی → ي, ڭ/گ → ك, ڤ → ف, پ → ب, چ → ج,
  ھ/ہ/ە → ه), Eastern Arabic and Persian digits → Western. French: accents folded (é → e,
  œ → oe), elisions dropped (l', d', qu', j', n', s', c', m', t'), lower case.
- ``token_forms(token)``: the forms of one word that are indexed and searched: the folded word,
  the word without a conjunction (و/ف) before the article, and the light stems of those
  (Snowball's Arabic and French stemmers: the article and prefixes ب ك ل ال, suffixes ات ون ين
  ها ية…, French plurals and derivations). A query word matches a document when one of its
  forms is among the document's.
- ``index_text(text)``: every word of the text followed by its other forms, for the index;
  ``query_terms(text)``: the forms of each query word, for the query.

Only the letter table below is written by hand; stemming is Snowball's (``snowballstemmer``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

#: Letters folded before anything else (ta marbuta is kept until after stemming: the Arabic
#: stemmer needs it to recognise the feminine ending).
LETTERS = {
    # alef with hamza or madda, wasla, wavy hamza
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا", "ٵ": "ا",
    "ى": "ي",  # alef maqsura
    "ی": "ي", "ې": "ي", "ۍ": "ي", "ێ": "ي",  # Persian / Urdu / Kurdish yeh
    "ک": "ك", "ڪ": "ك", "ګ": "ك",  # Persian keheh, swash kaf
    "ڭ": "ك", "گ": "ك", "ݣ": "ك",  # Maghrebi / Persian gaf (Darija "ڭ")
    "ڤ": "ف", "ڥ": "ف",  # ve (Maghrebi)
    "پ": "ب", "چ": "ج", "ژ": "ز",
    "ھ": "ه", "ہ": "ه", "ە": "ه", "ۀ": "ه",  # heh doachashmee, goal, ae; heh with yeh
    "ۃ": "ة",  # Urdu ta marbuta goal
    "œ": "oe", "æ": "ae", "ß": "ss",
    "’": "'", "ʼ": "'", "‘": "'", "`": "'", "´": "'",
}
LETTERS.update({chr(0x0660 + d): str(d) for d in range(10)})  # Eastern Arabic digits
LETTERS.update({chr(0x06F0 + d): str(d) for d in range(10)})  # Persian / Urdu digits
_LETTER_TABLE = str.maketrans(LETTERS)

#: Tashkeel (harakat, tanwin, shadda, sukun, superscript alef, Quranic marks) and tatweel.
_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u0640]")
#: French elisions: the article or pronoun before an apostrophe is dropped.
_ELISION = re.compile(r"\b(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu)'", re.IGNORECASE)
_WORD = re.compile(r"\w+")
_ARABIC = re.compile("[\u0600-\u06ff]")
_LATIN_MARKS = re.compile("[\u0300-\u036f]")
TA_MARBUTA, HEH = "ة", "ه"

_ARABIC_STEMMER = snowballstemmer.stemmer("arabic")
_FRENCH_STEMMER = snowballstemmer.stemmer("french")


def _prefold(text: str) -> str:
    """Everything ``fold`` does except ta marbuta, and with French accents kept (the stemmers
    read them)."""
    text = unicodedata.normalize("NFKC", str(text))  # presentation forms and ligatures (ﻻ, ﬁ)
    text = _MARKS.sub("", text).translate(_LETTER_TABLE).casefold()
    return _ELISION.sub(" ", text)


def _fold_latin(word: str) -> str:
    return _LATIN_MARKS.sub("", unicodedata.normalize("NFD", word))


def _fold_word(word: str) -> str:
    if _ARABIC.search(word):
        return word.replace(TA_MARBUTA, HEH)
    return _fold_latin(word)


def fold(text: str) -> str:
    """The text with the spelling differences taken away (see the module's docstring)."""
    return " ".join(_fold_word(word) for word in _WORD.findall(_prefold(text)))


def words(text: str) -> list[str]:
    """The words of ``text`` after ``_prefold`` (accents kept, ta marbuta kept)."""
    return _WORD.findall(_prefold(text))


def _arabic_forms(word: str) -> list[str]:
    variants = [word]
    if len(word) > 4 and word[0] in "وف" and word[1:3] == "ال":  # "والمدارس", "فالمشروع"
        variants.append(word[1:])
    if len(variants[-1]) > 4 and variants[-1].startswith("ال"):  # "الصحي": the stemmer keeps short ones
        variants.append(variants[-1][2:])
    forms = []
    for variant in variants:
        forms.append(variant.replace(TA_MARBUTA, HEH))
        # A final heh may be a ta marbuta typed without its dots ("ميزانيه"): the stemmer
        # reads it as one, the same on both sides.
        stem_input = variant[:-1] + TA_MARBUTA if len(variant) > 2 and variant.endswith(HEH) else variant
        forms.append(_ARABIC_STEMMER.stemWord(stem_input).replace(TA_MARBUTA, HEH))
        if not variant.startswith("ال") and len(variant) > 2:
            # Snowball strips plural and feminine suffixes more surely after the article
            # ("طرقات" → "طرقا", "الطرقات" → "طرق"): the word is stemmed as if it had one too.
            forms.append(_ARABIC_STEMMER.stemWord("ال" + stem_input).replace(TA_MARBUTA, HEH))
    return forms


def _french_forms(word: str) -> list[str]:
    folded = _fold_latin(word)
    return [folded, _fold_latin(_FRENCH_STEMMER.stemWord(word)), _FRENCH_STEMMER.stemWord(folded)]


@lru_cache(maxsize=50_000)
def _forms(word: str) -> tuple[str, ...]:
    if _ARABIC.search(word):
        forms = _arabic_forms(word)
    elif word.isdigit():
        forms = [word]
    else:
        forms = _french_forms(word)
    seen: dict[str, None] = {}
    for form in forms:
        if form and (len(form) > 1 or form == forms[0]):
            seen.setdefault(form, None)
    return tuple(seen)


def token_forms(word: str) -> tuple[str, ...]:
    """The forms of one word: its folded spelling first, then the stems (no duplicates)."""
    found = words(word)
    return _forms(found[0]) if found else ()


def index_text(text: str) -> str:
    """The text the index stores: every word as ``token_forms`` gives it."""
    return " ".join(" ".join(_forms(word)) for word in words(text))


def query_terms(text: str) -> list[tuple[str, ...]]:
    """The forms of each word of a query, in order (a word is found if one of its forms is)."""
    return [_forms(word) for word in words(text)]
