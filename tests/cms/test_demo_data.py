"""The demo texts are data files a translator edits (cms/demo_content/loader.py):
every text the structure refers to exists in Tajik, Russian, English and Uzbek,
and no language file holds a key the structure does not use (a typo would leave
a text untranslated or lost)."""

from pathlib import Path

import pytest
import yaml

from cms.demo_content import loader

ROOT = Path(__file__).resolve().parents[2]
DATA_SETS = [
    (ROOT / "cms" / "demo_content" / "data", "common"),
    (ROOT / "cms" / "demo_content" / "data", "orientation"),
    (ROOT / "cms" / "demo_content" / "data", "trainer"),
    (ROOT / "assessments" / "demo_data", "assessments"),
]


def _references(value) -> set[str]:
    if isinstance(value, loader.Text):
        return {str(value)}
    if isinstance(value, dict):
        return set().union(*(_references(v) for v in value.values())) if value else set()
    if isinstance(value, list):
        return set().union(*(_references(v) for v in value)) if value else set()
    return set()


@pytest.mark.parametrize(("folder", "name"), DATA_SETS, ids=[name for _, name in DATA_SETS])
def test_every_text_is_there_in_each_language_and_nothing_else(folder, name):
    structure = loader.read_structure(folder, name)
    used = _references(structure)
    assert used
    source = yaml.safe_load((folder / f"{name}.tg.yaml").read_text(encoding="utf-8"))
    for lang in ("tg", "ru", "en", "uz"):
        path = folder / f"{name}.{lang}.yaml"
        texts = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert set(texts) - used == set(), f"{path.name}: keys the structure does not use"
        assert used - set(texts) == set(), f"{path.name}: texts missing"
        for key, text in texts.items():
            assert isinstance(text, str), f"{path.name}: {key} is not a text"
            assert text.strip() or not source[key].strip(), f"{path.name}: {key} is empty"


def test_loading_gives_language_maps():
    course = loader.load(ROOT / "cms" / "demo_content" / "data", "orientation")
    assert set(course["title"]) == {"tg", "ru", "en", "uz"}
    assert course["modules"][0]["lessons"][0]["slug"] == "why-prepare"


def test_the_languages_are_those_with_every_text():
    data = ROOT / "cms" / "demo_content" / "data"
    assert loader.languages(loader.load(data, "orientation")) == ("ru", "en", "uz")
    assert loader.languages(loader.load(data, "trainer")) == ("ru", "en", "uz")
    assert loader.languages({"a": {"tg": "x", "ru": "y"}, "b": [{"tg": "z"}]}) == ()
    assert loader.languages([{"tg": "x", "uz": "y"}, 5]) == ("uz",)


def test_the_uzbek_texts_use_the_official_latin_letters():
    """oʻ and gʻ are written with U+02BB (never an apostrophe or a backtick),
    and no Cyrillic slips in (besides an accepted answer in Cyrillic)."""
    for folder, name in DATA_SETS:
        path = folder / f"{name}.uz.yaml"
        for key, text in yaml.safe_load(path.read_text(encoding="utf-8")).items():
            assert not any(mark in text for mark in "'`‘’"), f"{path.name}: {key}"
            lines = [line for line in text.splitlines() if not key.endswith(".accepted")]
            assert not any("\u0400" <= ch <= "\u04ff" for ch in "".join(lines)), f"{key}"


def test_a_text_missing_in_the_source_language_is_refused(tmp_path):
    (tmp_path / "x.yaml").write_text("title: !text t\n", encoding="utf-8")
    (tmp_path / "x.ru.yaml").write_text("t: Заголовок\n", encoding="utf-8")
    with pytest.raises(loader.DemoDataError):
        loader.load(tmp_path, "x")
