"""Persistence: engine and sessions, the unit of work (which owns every repository), models, migrations."""
