"""The draw's progress reads in Italian, with its numbers, not in the library's English."""

from django.utils import translation

from proposals.assembly.selection import progress_text


def test_round_progress_is_translated_with_its_numbers():
    line = {
        "progress": 0.1,
        "message": "Round 3/480: 7 committees found",
        "current": 3,
        "total": 480,
    }
    with translation.override("it"):
        text = progress_text(line)
    assert "Round" not in text
    assert "3" in text and "480" in text
    assert text != "Drawing: step 3 of 480"


def test_progress_without_a_count_is_translated_too():
    with translation.override("it"):
        text = progress_text({"progress": 0.0, "message": "Optimizing maximin distribution"})
    assert "Optimizing" not in text
    assert text != "Drawing: computing the fairest selection"
