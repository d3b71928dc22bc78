"""In Chinese a ticket code is 编号 and only a phone number is 号码 (copy review 2026-12-05).

The look-up once said 号码有误 of a mistyped ticket code; on this kiosk 号码 is the phone number a
resident may leave at step 4, so an elderly reader took it for a question about their phone.
"""

from __future__ import annotations

from kiosk.domain.messages import MESSAGES, message


def test_only_phone_texts_say_haoma() -> None:
    """号码 appears only in texts about the phone number (their keys say "phone")."""
    saying_haoma = {key for key, text in MESSAGES.items() if "号码" in text.get("zh")}
    assert saying_haoma, "the phone step still asks for a 号码"
    assert all("phone" in key for key in saying_haoma), sorted(
        key for key in saying_haoma if "phone" not in key
    )


def test_the_look_up_calls_a_mistyped_code_bianhao() -> None:
    for key in ("lookup_mistyped", "lookup_mistyped_title"):
        assert "编号" in message(key, "zh"), key
