#!/usr/bin/env python
"""Updates locale/{ar,fr} from the code and fills translations.

    flock /tmp/commune-i18n.lock .venv/bin/python tools/translate.py [translations.json ...]

1. runs ``makemessages`` for ar and fr (django and djangojs domains are not used);
2. applies each JSON file given: ``{"msgid": {"ar": "…", "fr": "…"}}``; for plural entries use
   ``{"msgid": {"ar": ["…", …6 forms], "fr": ["…", "…"]}}``; a msgctxt is written ``"ctx\u0004msgid"``;
3. clears the fuzzy flag of every entry it fills, empties the guesses msgmerge left fuzzy,
   drops obsolete entries, compiles .mo files, and lists what is still untranslated.
Exit status 1 when something is untranslated.
"""

import json
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("ar", "fr")


def main(argv: list[str]) -> int:
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "ar", "-l", "fr", "--no-obsolete",
         "--ignore=.venv/*", "--ignore=var/*", "--ignore=tests/*", "--ignore=node_modules/*",
         "--ignore=tools/*", "--ignore=benchmarks/*"],
        cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
    )
    supplied: dict = {}
    for name in argv:
        supplied.update(json.loads(Path(name).read_text(encoding="utf-8")))
    missing = 0
    for lang in LANGS:
        po_path = ROOT / "locale" / lang / "LC_MESSAGES" / "django.po"
        po = polib.pofile(str(po_path), wrapwidth=0)
        po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
        if lang == "ar":
            po.metadata["Plural-Forms"] = (
                "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : "
                "n%100>=11 && n%100<=99 ? 4 : 5);"
            )
        else:
            po.metadata["Plural-Forms"] = "nplurals=2; plural=(n > 1);"
        po.metadata["Language"] = lang
        for entry in po:
            key = f"{entry.msgctxt}\u0004{entry.msgid}" if entry.msgctxt else entry.msgid
            given = supplied.get(key, {}).get(lang)
            if given is not None:
                if entry.msgid_plural:
                    forms = given if isinstance(given, list) else [given]
                    nplurals = 6 if lang == "ar" else 2
                    forms = (forms + [forms[-1]] * nplurals)[:nplurals]
                    entry.msgstr_plural = dict(enumerate(forms))
                else:
                    entry.msgstr = given
                if "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")
                entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
            elif "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
                entry.msgstr = ""
                if entry.msgid_plural:
                    entry.msgstr_plural = {k: "" for k in entry.msgstr_plural}
                entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
        po.save(str(po_path))
        po.save_as_mofile(str(po_path.with_suffix(".mo")))
        untranslated = po.untranslated_entries()
        for entry in untranslated:
            where = entry.occurrences[0][0] if entry.occurrences else "?"
            ctx = f"[{entry.msgctxt}] " if entry.msgctxt else ""
            print(f"{lang}: untranslated: {ctx}{entry.msgid!r}  ({where})")
        missing += len(untranslated)
    print(f"{missing} untranslated entries")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
