"""The pacer spaces posts at the configured rate, shares its budget across threads, and can be off."""

from __future__ import annotations

from itertools import pairwise

from slackbot.slack.pacer import Pacer


class FakeTime:
    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_posts_are_spaced_at_the_rate() -> None:
    clock = FakeTime()
    pacer = Pacer(4.0, monotonic=clock.monotonic, sleep=clock.sleep)

    waits = [pacer.wait() for _ in range(5)]

    assert waits == [0.0, 0.25, 0.25, 0.25, 0.25]
    assert clock.now == 101.0


def test_a_burst_allows_that_many_posts_at_once_after_idling() -> None:
    clock = FakeTime()
    pacer = Pacer(2.0, burst=3, monotonic=clock.monotonic, sleep=clock.sleep)
    clock.now += 10

    assert [pacer.wait() for _ in range(4)] == [0.0, 0.0, 0.0, 0.5]


def test_rate_zero_turns_pacing_off() -> None:
    clock = FakeTime()
    pacer = Pacer(0, monotonic=clock.monotonic, sleep=clock.sleep)

    assert [pacer.wait() for _ in range(100)] == [0.0] * 100 and clock.slept == []


def test_posts_in_one_channel_are_a_second_apart_while_other_channels_keep_the_workspace_rate() -> None:
    clock = FakeTime()
    pacer = Pacer(10.0, monotonic=clock.monotonic, sleep=clock.sleep)

    waits = [round(pacer.wait(channel), 6) for channel in ("C1", "C2", "C1")]

    assert waits == [0.0, 0.1, 0.9]  # C1 again one second after its first post; the workspace slot was free by then
    assert round(clock.now, 6) == 101.0


def test_a_channel_interval_is_kept_even_at_a_high_workspace_rate() -> None:
    clock = FakeTime()
    pacer = Pacer(1000.0, channel_interval=1.0, monotonic=clock.monotonic, sleep=clock.sleep)

    starts = []
    for _ in range(3):
        pacer.wait("C1")
        starts.append(clock.now)

    assert [round(b - a, 6) for a, b in pairwise(starts)] == [1.0, 1.0]
