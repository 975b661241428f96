"""Persistence: models, repositories, unit of work, migrations. Importing it registers every table."""

from storage import launch_models, models, release_models  # noqa: F401
