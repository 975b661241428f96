"""The metrics directory of a gunicorn run: fresh or emptied at start, removed only when ours, dead workers marked."""

from __future__ import annotations

from pathlib import Path

from slackbot.observability.multiprocess import ENV, MetricsDirectory, mark_worker_dead, prepare_directory


def test_without_a_configured_directory_a_fresh_temporary_one_is_made_and_removed_at_exit() -> None:
    environ: dict[str, str] = {}

    directory = prepare_directory(environ)

    assert directory.owned and directory.path.is_dir() and list(directory.path.iterdir()) == []
    assert environ[ENV] == str(directory.path)
    directory.remove()
    assert not directory.path.exists()


def test_the_operators_directory_is_emptied_of_the_last_runs_files_and_kept(tmp_path: Path) -> None:
    (tmp_path / "counter_4242.db").write_bytes(b"old counts")
    (tmp_path / "README").write_text("not ours")

    directory = prepare_directory({ENV: str(tmp_path)})
    directory.remove()

    assert not directory.owned
    assert sorted(p.name for p in tmp_path.iterdir()) == ["README"]


def test_a_dead_workers_live_gauges_are_dropped_and_its_counters_kept(tmp_path: Path) -> None:
    for name in ("gauge_livesum_4242.db", "gauge_livemax_4242.db", "counter_4242.db", "gauge_livesum_5151.db"):
        (tmp_path / name).write_bytes(b"")

    mark_worker_dead(4242, MetricsDirectory(tmp_path, owned=False))

    assert sorted(p.name for p in tmp_path.iterdir()) == ["counter_4242.db", "gauge_livesum_5151.db"]
