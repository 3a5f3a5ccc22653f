import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from media_pipeline import services
from media_pipeline.captions import caption_file_normalize, parse_cues

SRT = """1
00:00:00,500 --> 00:00:04,000
Хуш омадед ба Safar!

2
00:00:04,000 --> 00:00:08,250
Ҳуқуқ ва уҳдадориҳо
"""


def test_srt_is_converted_to_webvtt():
    vtt = caption_file_normalize(ContentFile(SRT.encode(), name="welcome.srt"))
    text = vtt.read().decode()
    assert vtt.name == "welcome.vtt"
    assert text.startswith("WEBVTT\n\n00:00:00.500 --> 00:00:04.000\nХуш омадед ба Safar!")
    assert "00:00:04.000 --> 00:00:08.250" in text


def test_windows_cyrillic_srt_is_read():
    vtt = caption_file_normalize(ContentFile(SRT.encode("cp1251", "replace"), name="x.srt"))
    assert "Хуш омадед" in vtt.read().decode()


def test_webvtt_with_notes_and_settings_is_kept():
    cues = parse_cues("WEBVTT\n\nNOTE a note\n\nintro\n00:01.000 --> 00:02.000 line:90%\nHello\n")
    assert cues[0].start == 1.0 and cues[0].settings == "line:90%" and cues[0].text == "Hello"


@pytest.mark.parametrize(
    ("content", "name", "words"),
    [
        (SRT.replace("00:00:04,000 -->", "00:00:09,000 -->", 1), "x.srt", "ends before it starts"),
        ("WEBVTT\n\nnot a timing\n", "x.vtt", "Line 3"),
        ("", "x.vtt", "no captions"),
        (SRT, "x.txt", "WebVTT"),
    ],
)
def test_broken_caption_files_are_refused_with_a_reason(content, name, words):
    with pytest.raises(ValidationError) as error:
        caption_file_normalize(ContentFile(content.encode(), name=name))
    assert words in str(error.value)


@pytest.mark.django_db
def test_caption_save_replaces_the_language(make_video, clips):
    video = make_video(clips.get("small"))
    services.caption_save(video=video, language="tg", file=ContentFile(SRT.encode(), name="a.srt"))
    services.caption_save(video=video, language="tg", file=ContentFile(SRT.encode(), name="b.srt"))
    assert video.captions.count() == 1
    assert video.captions.get().file.name.endswith(".vtt")
