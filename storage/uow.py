"""Unit of work: one session, one transaction, all repositories over it."""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType

from sqlalchemy.orm import Session, sessionmaker

from storage.delivery import EventRepository, OutboxRepository
from storage.kb_repository import KbRepository
from storage.release_repository import AnnouncementRepository, LockRepository, ReleaseRepository
from storage.repositories import (
    AuditRepository,
    IntegrationRepository,
    PartnerRepository,
    StaffRequestRepository,
)


class UnitOfWork:
    """`with uow_factory() as uow: …; uow.commit()`; leaving without commit rolls back."""

    partners: PartnerRepository
    integrations: IntegrationRepository
    audit: AuditRepository
    outbox: OutboxRepository
    events: EventRepository
    requests: StaffRequestRepository
    releases: ReleaseRepository
    announcements: AnnouncementRepository
    locks: LockRepository
    kb: KbRepository

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def __enter__(self) -> UnitOfWork:
        self.session = self._sessions()
        self.partners = PartnerRepository(self.session)
        self.integrations = IntegrationRepository(self.session)
        self.audit = AuditRepository(self.session)
        self.outbox = OutboxRepository(self.session)
        self.events = EventRepository(self.session)
        self.requests = StaffRequestRepository(self.session)
        self.releases = ReleaseRepository(self.session)
        self.announcements = AnnouncementRepository(self.session)
        self.locks = LockRepository(self.session)
        self.kb = KbRepository(self.session)
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if exc_type is not None:
            self.session.rollback()
        self.session.close()

    def commit(self) -> None:
        """Commit everything done in this unit."""
        self.session.commit()

    def rollback(self) -> None:
        """Throw away everything done in this unit."""
        self.session.rollback()


UowFactory = Callable[[], UnitOfWork]


def uow_factory(sessions: sessionmaker[Session]) -> UowFactory:
    """A callable that opens a new unit of work."""
    return lambda: UnitOfWork(sessions)
