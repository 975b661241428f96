"""`devcenter-bot partners import` of a 10,000-row CSV into a fresh database, timed through the real command line."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from bench.load import STAGES
from storage.db import make_engine, upgrade
from storage.models.partners import Integration

ROOT = Path(__file__).parents[1]


@dataclass(frozen=True)
class ImportTiming:
    """Wall time of the command (interpreter start included) and what it reported."""

    rows: int
    seconds: float
    integrations_in_database: int
    output: str


def write_csv(path: Path, rows: int) -> None:
    """An import file of `rows` partners, one integration and one Slack user each."""
    with path.open("w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["company", "integration", "slug", "stage", "channel", "users"])
        for n in range(rows):
            stage = STAGES[n % len(STAGES)]
            writer.writerow([f"Import Co {n}", f"Import {n}", f"import-{n}", stage.value, f"CI{n:08d}", f"UI{n:08d}"])


def time_import(database_url: str, rows: int = 10_000) -> ImportTiming:
    """Migrate `database_url` (which must be empty), then run `devcenter-bot partners import` on `rows` rows."""
    engine = make_engine(database_url)
    upgrade(engine)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DEVCENTER_"))}
    env.update(DATABASE_URL=database_url, PYTHONPATH=str(ROOT))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "partners.csv"
        write_csv(path, rows)
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "slackbot.cli", "partners", "import", str(path)],
            cwd=folder,  # no .env from the repository
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        seconds = time.perf_counter() - started
    with engine.connect() as connection:
        imported = int(connection.execute(select(func.count()).select_from(Integration)).scalar_one())
    engine.dispose()
    return ImportTiming(rows, seconds, imported, done.stdout.strip())
