"""The Q&A benchmark's memory figure is its own process's, not the peak of the process that started it."""

from __future__ import annotations

from bench.qa import qa_in_subprocess


def test_the_qa_memory_figure_is_not_inherited_from_a_large_parent() -> None:
    ballast = bytearray(256 * 1024 * 1024)
    ballast[::4096] = b"\x01" * len(range(0, len(ballast), 4096))  # touch every page: this process is > 256 MB

    result = qa_in_subprocess(50)

    assert 5 < result.rss_mb < 150
    assert result.entries == 50
    del ballast
