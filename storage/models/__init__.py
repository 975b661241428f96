"""Typed SQLAlchemy 2 models, one module per feature; importing this package registers every table."""

from storage.models import (
    announcements,
    audit,
    checklist,
    github,
    jobs,
    metadata,
    outbox,
    partners,
    qa,
    releases,
    reviews,
    verifications,
)
from storage.models.base import Base

__all__ = [
    "Base",
    "announcements",
    "audit",
    "checklist",
    "github",
    "jobs",
    "metadata",
    "outbox",
    "partners",
    "qa",
    "releases",
    "reviews",
    "verifications",
]
