"""Spelling folding for search: the indexed text and the query go through the
same `fold`, so a word typed with the look-alike letters of a Russian keyboard
(ч for ҷ, х for ҳ, к for қ, г for ғ, и for ӣ, у for ӯ), with ё or е, or an Uzbek
word with any of its apostrophes (oʻ o' o` o‘) finds the page.

Inflected forms find each other too: the folded field holds each word cut to
its first STEM_LENGTH letters (a truncation stemmer, which suits Tajik,
Russian and Uzbek alike: бақайдгирӣ, бақайдгирии and бакайдгири all become
бакайд), and the query is cut the same way.

Pages index an extra field, `search_folded` (their searchable text, folded and
cut), next to their own fields; the search view folds and cuts the query."""

from __future__ import annotations

import re

from django.utils.html import strip_tags

_LETTERS = {
    "ҷ": "ч",
    "ҳ": "х",
    "қ": "к",
    "ғ": "г",
    "ӣ": "и",
    "ӯ": "у",
    "ё": "е",
    "ҝ": "к",  # Kazakh/Uzbek Cyrillic look-alikes typed on Tajik keyboards
    "ң": "н",
    "ү": "у",
    "ұ": "у",
    "ө": "о",
    "ә": "а",
    "і": "и",
}
_APOSTROPHES = "ʻʼ'`‘’ʹ′"
_TABLE = str.maketrans({**_LETTERS, **dict.fromkeys(_APOSTROPHES, "")})
_SPACES = re.compile(r"\s+")
_WORDS = re.compile(r"\w+")
STEM_LENGTH = 6


def fold(text: str) -> str:
    """Lower case, Tajik and Kazakh letters as their Russian look-alikes, no
    apostrophes, single spaces."""
    return _SPACES.sub(" ", (text or "").casefold().translate(_TABLE)).strip()


def stems(text: str) -> str:
    """The folded words of `text`, each cut to STEM_LENGTH letters."""
    return " ".join(word[:STEM_LENGTH] for word in _WORDS.findall(fold(text)))


def has_words(text: str) -> bool:
    """Whether `text` holds at least one letter or digit (a query of punctuation
    only finds nothing and is refused)."""
    return any(ch.isalnum() for ch in text or "")


def searchable_text(page, *field_names: str) -> str:
    """The plain text of a page's title and the given fields (StreamFields via
    their blocks' searchable content), for the folded index field."""
    parts = [page.title or ""]
    for name in field_names:
        value = getattr(page, name, None)
        if value is None:
            continue
        stream_block = getattr(value, "stream_block", None)
        if stream_block is not None:
            parts.extend(str(p) for p in stream_block.get_searchable_content(value))
        else:
            parts.append(strip_tags(str(value)))
    return " ".join(p for p in parts if p)


class FoldedSearchMixin:
    """A page whose search index also holds its text folded (see module doc).
    `folded_fields` names the fields to fold besides the title."""

    folded_fields: tuple[str, ...] = ()

    def search_folded(self) -> str:
        return stems(searchable_text(self, *self.folded_fields))
