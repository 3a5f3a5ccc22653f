"""The demo videos have captions in every language of the site, each a valid
WebVTT file with the same timing as the Tajik one, in its own words."""

import pytest
from django.conf import settings

from media_pipeline.captions import decode_text, parse_cues
from media_pipeline.demo import DEMO_CAPTIONS, demo_caption_vtt


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_demo_captions_exist_in_every_language(language):
    cues = parse_cues(decode_text(demo_caption_vtt(language)))
    tajik = parse_cues(decode_text(demo_caption_vtt("tg")))
    assert [(c.start, c.end) for c in cues] == [(c.start, c.end) for c in tajik]
    if language != "tg":
        assert all(c.text != t.text for c, t in zip(cues, tajik, strict=True))


def test_uzbek_captions_are_in_latin_script():
    text = " ".join(cue for _a, _b, cue in DEMO_CAPTIONS["uz"])
    assert not any("\u0400" <= ch <= "\u04ff" for ch in text)  # no Cyrillic letter
