"""Every page in the visitor's language (issue 14): no Tajik, Russian or Uzbek
catalog of any app has a string left empty or fuzzy, a translation keeps the
placeholders of its source, and plural forms are complete. A second test runs
makemessages on a copy of the sources, so a string marked for translation but
never added to the catalogs is caught too."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ["tg", "ru", "uz"]
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}")


def catalogs(root: Path, language: str) -> list[Path]:
    return sorted(root.glob(f"*/locale/{language}/LC_MESSAGES/django.po"))


def problems(path: Path) -> list[str]:
    po = polib.pofile(str(path))
    found = [f"empty: {e.msgid!r}" for e in po.untranslated_entries()]
    found += [f"fuzzy: {e.msgid!r}" for e in po.fuzzy_entries()]
    nplurals = int(re.search(r"nplurals=(\d+)", po.metadata["Plural-Forms"]).group(1))
    for e in po.translated_entries():
        if e.msgid_plural:
            source = set(PLACEHOLDER.findall(e.msgid)) | set(PLACEHOLDER.findall(e.msgid_plural))
            forms = [e.msgstr_plural.get(i, "") for i in range(nplurals)]
            if not all(forms):
                found.append(f"plural forms missing: {e.msgid!r}")
            for form in forms:
                if not set(PLACEHOLDER.findall(form)) <= source:
                    found.append(f"placeholders differ: {e.msgid!r} -> {form!r}")
        elif sorted(PLACEHOLDER.findall(e.msgstr)) != sorted(PLACEHOLDER.findall(e.msgid)):
            found.append(f"placeholders differ: {e.msgid!r} -> {e.msgstr!r}")
    return found


def apps_with_catalogs(root: Path) -> set[str]:
    return {p.parent.name for p in root.glob("*/locale") if p.is_dir()}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_catalog_is_translated(language):
    found = catalogs(ROOT, language)
    # every app that has catalogs has one in this language
    assert {p.parts[-5] for p in found} == apps_with_catalogs(ROOT)
    assert len(found) >= 9
    bad = {str(p.relative_to(ROOT)): problems(p) for p in found}
    assert {path: issues for path, issues in bad.items() if issues} == {}


def test_no_marked_string_is_missing_from_the_catalogs(tmp_path):
    """makemessages on a copy of the sources: every string the code and the
    templates mark ends up translated (a catalog not regenerated after new
    strings were added shows them in English)."""
    copy = tmp_path / "src"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", "var", "tests", "node_modules", "__pycache__", "*.mo", "screenshots"
        ),
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    args = ["makemessages", *(f"-l{lang}" for lang in LANGUAGES), "-v0"]
    args += ["--ignore=.venv", "--ignore=var", "--ignore=tests"]
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    bad, stale = {}, {}
    for language in LANGUAGES:
        for path in catalogs(copy, language):
            po = polib.pofile(str(path))
            missing = [e.msgid for e in po.untranslated_entries() + po.fuzzy_entries()]
            if missing:
                bad[str(path.relative_to(copy))] = missing
            # msgmerge revives an obsolete (#~) entry when its string comes
            # back, so a catalog regenerated from one app's folder only (which
            # retires the strings of the code outside it) would pass the check
            # above on the copy and still show those strings in English here.
            kept = polib.pofile(str(ROOT / path.relative_to(copy)))
            absent = active(po) - active(kept)
            if absent:
                stale[str(path.relative_to(copy))] = sorted(absent)
    assert bad == {}
    assert stale == {}, "regenerate the catalogs from the project's root: manage.py makemessages"


def active(po: polib.POFile) -> set[str]:
    return {e.msgid for e in po if not e.obsolete}
