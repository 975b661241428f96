"""Live updates: the watcher turns any change of the page's sources into a new version on the event stream."""

from __future__ import annotations

import threading

from slackbot.emulator.web.live import Watcher


class Source:
    """Something that changes when a test says so."""

    def __init__(self) -> None:
        self.value = 0

    def __call__(self) -> int:
        return self.value


def test_a_change_bumps_the_version_once() -> None:
    source = Source()
    watcher = Watcher(source, threading.RLock())
    watcher.check()

    source.value = 1

    assert watcher.check() is True and watcher.version == 2
    assert watcher.check() is False and watcher.version == 2


def test_the_stream_sends_the_current_version_then_each_new_one() -> None:
    source = Source()
    watcher = Watcher(source, threading.RLock())
    stream = watcher.stream()
    assert next(stream) == "retry: 1000\ndata: 0\n\n"

    source.value = 1
    watcher.check()

    assert next(stream) == "data: 1\n\n"


def test_stopping_the_watcher_ends_every_stream() -> None:
    watcher = Watcher(Source(), threading.RLock())
    stream = watcher.stream()
    next(stream)

    watcher.stop()

    assert list(stream) == []


def test_while_an_action_holds_the_lock_nothing_is_read() -> None:
    lock, source = threading.RLock(), Source()
    watcher = Watcher(source, lock, interval=0.01)
    watcher.check()
    source.value = 1
    held, release = threading.Event(), threading.Event()

    def action() -> None:
        with lock:
            held.set()
            release.wait(5)

    worker = threading.Thread(target=action)
    worker.start()
    held.wait(5)
    changed_while_held = watcher.check()
    release.set()
    worker.join(5)

    assert changed_while_held is False and watcher.check() is True


def test_a_failing_source_is_skipped_until_it_answers_again() -> None:
    answers: list[object] = [RuntimeError("resetting"), 2]

    def source() -> object:
        answer = answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    watcher = Watcher(source, threading.RLock())

    assert watcher.check() is False and watcher.check() is True
