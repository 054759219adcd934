"""The country tagger gives, case for case, the answers recorded before its speed-up (issue 13)."""

from __future__ import annotations

from tests.accuracy.tag_identity import RECORDED, answers, cases


def test_every_answer_is_the_recorded_one() -> None:
    recorded = RECORDED.read_text("utf-8").splitlines()
    now = answers()
    assert len(now) == len(recorded) >= 2000
    changed = [
        f"case {k}: {case[0][:60]!r} recorded {old!r}, now {new!r}"
        for k, (case, old, new) in enumerate(zip(cases(), recorded, now, strict=True))
        if old != new
    ]
    assert not changed, "\n".join(changed[:20])
