"""prometheus_client's multiprocess mode for gunicorn: one metrics directory shared by the workers of one run.

The master calls `enable_multiprocess()` before it forks; every worker then writes its own files in the directory
and whichever worker answers a scrape merges them all. Without it each worker would report only its own share.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import warnings
from collections.abc import MutableMapping
from dataclasses import dataclass
from pathlib import Path

from prometheus_client import values
from prometheus_client.multiprocess import mark_process_dead

from slackbot.observability import metrics

ENV = "PROMETHEUS_MULTIPROC_DIR"


@dataclass(frozen=True)
class MetricsDirectory:
    """The directory of one run, and whether this run created it (and so removes it at exit)."""

    path: Path
    owned: bool

    def remove(self) -> None:
        """Delete the directory when this run made it; an operator's directory is left in place."""
        if self.owned:
            shutil.rmtree(self.path, ignore_errors=True)


def multiprocess_dir(environ: MutableMapping[str, str] | None = None) -> str | None:
    """The metrics directory of this process, or None in single-process mode."""
    return (os.environ if environ is None else environ).get(ENV) or None


def prepare_directory(environ: MutableMapping[str, str]) -> MetricsDirectory:
    """The operator's PROMETHEUS_MULTIPROC_DIR emptied of an earlier run's files, or a fresh temporary directory."""
    configured = environ.get(ENV, "").strip()
    if configured:
        path = Path(configured)
        path.mkdir(parents=True, exist_ok=True)
        for stale in path.glob("*.db"):
            stale.unlink()
        directory = MetricsDirectory(path, owned=False)
    else:
        directory = MetricsDirectory(Path(tempfile.mkdtemp(prefix="devcenter-metrics-")), owned=True)
    environ[ENV] = str(directory.path)
    return directory


def enable_multiprocess() -> MetricsDirectory:
    """Switch this process (and the workers it forks) to multiprocess mode; call once, before forking."""
    with warnings.catch_warnings():  # "clearing labels" only forgets this process's series, which is the point
        warnings.simplefilter("ignore", UserWarning)
        for family in metrics.FAMILIES:
            family.clear()  # the workers must not inherit series made before the switch
    values.close_all_multiprocess_files()  # files opened at import, when the operator's directory was already set
    directory = prepare_directory(os.environ)
    values.ValueClass = values.MultiProcessValue()  # the value class is chosen when prometheus_client is imported
    metrics.zero_series()
    return directory


def mark_worker_dead(pid: int, directory: MetricsDirectory | None = None) -> None:
    """Gunicorn's child_exit hook: drop the dead worker's live gauges (its counters keep counting in the sum)."""
    path = str(directory.path) if directory else multiprocess_dir()
    if path:
        mark_process_dead(pid, path)
