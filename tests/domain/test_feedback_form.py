from __future__ import annotations

import pytest

from kiosk.domain.feedback_form import FREE_TEXT_MAX, PHONE_MAX_DIGITS, FeedbackForm


def test_choosing_another_category_drops_the_phrases_of_the_first():
    form = FeedbackForm()
    form.choose_category("property-repair")
    form.toggle_phrase(0)
    form.choose_category("property-repair")
    assert form.phrases == [0]
    form.choose_category("sanitation")
    assert form.phrases == []


def test_phrases_toggle_and_stay_sorted():
    form = FeedbackForm()
    form.choose_category("safety")
    for index in (2, 0, 2, 1):
        form.toggle_phrase(index)
    assert form.phrases == [0, 1]
    assert form.says_what


def test_phone_takes_digits_only_up_to_eleven_and_is_masked():
    form = FeedbackForm()
    for ch in "139x1234567890":
        form.press_digit(ch)
    assert form.phone == "13912345678"[:PHONE_MAX_DIGITS]
    assert form.masked_phone == "*******5678"
    form.delete_digit()
    assert form.phone == "1391234567"


def test_draft_carries_choices_and_clearing_makes_a_new_draft_id():
    form = FeedbackForm()
    with pytest.raises(ValueError, match="category"):
        form.to_draft()
    form.choose_category("elderly")
    form.toggle_phrase(1)
    form.place = "garden"
    form.press_digit("5")
    draft = form.to_draft()
    assert (draft.category, draft.phrases, draft.place, draft.phone) == (
        "elderly",
        (1,),
        "garden",
        "5",
    )
    assert form.to_draft().draft_id == draft.draft_id, "a double submit is the same draft"
    form.clear()
    assert form.is_empty
    assert form.draft_id != draft.draft_id


def test_typed_text_is_kept_up_to_its_limit():
    form = FeedbackForm()
    form.choose_category("property-repair")
    assert form.type_text("修" * (FREE_TEXT_MAX + 50)) == "修" * FREE_TEXT_MAX
    assert form.to_draft().free_text == "修" * FREE_TEXT_MAX
