"""The one loader of the demo course texts (data files a translator can edit).

A demo data set NAME is a folder's `NAME.yaml` (the structure: slugs, minutes,
pictures, blocks, quiz settings...) where every text is a reference
`!text KEY`, plus one file per language, `NAME.<lang>.yaml`, mapping each KEY
to its text in that language (tg is the source; ru, en and, where given, uz
are translations). Loading gives the structure with each reference replaced
by its language map {"tg": ..., "ru": ..., "en": ...}: what the demo loaders
read (`cms/demo.py`, `assessments/demo.py`)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

LANGUAGES = ("tg", "ru", "en", "uz")
SOURCE = "tg"


class Text(str):
    """A `!text KEY` reference in a structure file."""


class _Loader(yaml.SafeLoader):
    pass


_Loader.add_constructor("!text", lambda loader, node: Text(loader.construct_scalar(node)))


class DemoDataError(ValueError):
    pass


def _resolve(value, texts: dict[str, dict], where: Path):
    if isinstance(value, Text):
        text = {lang: found[value] for lang, found in texts.items() if value in found}
        if SOURCE not in text:
            raise DemoDataError(f"{where}: no {SOURCE} text for {value!r}")
        return text
    if isinstance(value, dict):
        return {key: _resolve(item, texts, where) for key, item in value.items()}
    if isinstance(value, list):
        return [_resolve(item, texts, where) for item in value]
    return value


def read_structure(folder: Path, name: str):
    """`NAME.yaml` as written: its texts still `Text` references."""
    text = (folder / f"{name}.yaml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=_Loader)  # noqa: S506 (a SafeLoader with one more tag)


@cache
def load(folder: Path, name: str):
    """The data set `name` of `folder`, texts resolved to language maps."""
    structure_file = folder / f"{name}.yaml"
    structure = read_structure(folder, name)
    texts = {}
    for lang in LANGUAGES:
        path = folder / f"{name}.{lang}.yaml"
        if path.exists():
            texts[lang] = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return _resolve(structure, texts, structure_file)


def _language_maps(value):
    if isinstance(value, dict):
        if SOURCE in value and all(isinstance(v, str) for v in value.values()):
            yield value
            return
        for item in value.values():
            yield from _language_maps(item)
    elif isinstance(value, list):
        for item in value:
            yield from _language_maps(item)


def languages(data) -> tuple[str, ...]:
    """The translation languages (not the source) in which every text of the
    loaded `data` exists: the demo loaders translate into these only (a data
    set without, say, its uz file is shown in Tajik to Uzbek readers)."""
    maps = list(_language_maps(data))
    return tuple(
        lang for lang in LANGUAGES if lang != SOURCE and all(lang in text for text in maps)
    )
