"""Unit of work: one session, one transaction, and every repository over it (none is built anywhere else)."""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType

from sqlalchemy.orm import Session, sessionmaker

from storage.repositories.announcements import AnnouncementRepository
from storage.repositories.audit import AuditRepository
from storage.repositories.checklist import ChecklistRepository
from storage.repositories.github import GitHubRepository
from storage.repositories.jobs import LockRepository
from storage.repositories.metadata import CatalogRepository
from storage.repositories.outbox import EventRepository, OutboxRepository
from storage.repositories.partner_import import PartnerImportRepository
from storage.repositories.partners import IntegrationRepository, PartnerRepository
from storage.repositories.qa import KbRepository
from storage.repositories.releases import ReleaseRepository
from storage.repositories.reviews import StaffRequestRepository
from storage.repositories.status import StatusRepository
from storage.repositories.verifications import VerificationRepository


class UnitOfWork:
    """`with uow_factory() as uow: …; uow.commit()`; leaving without commit rolls back."""

    session: Session
    partners: PartnerRepository
    integrations: IntegrationRepository
    requests: StaffRequestRepository
    audit: AuditRepository
    outbox: OutboxRepository
    events: EventRepository
    catalog: CatalogRepository
    checklist: ChecklistRepository
    verifications: VerificationRepository
    releases: ReleaseRepository
    announcements: AnnouncementRepository
    locks: LockRepository
    kb: KbRepository
    github: GitHubRepository
    status: StatusRepository  # read model of the quick answers
    imports: PartnerImportRepository  # bulk reads and writes of `partners import`

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def __enter__(self) -> UnitOfWork:
        session = self.session = self._sessions()
        self.partners, self.integrations = PartnerRepository(session), IntegrationRepository(session)
        self.requests, self.audit = StaffRequestRepository(session), AuditRepository(session)
        self.outbox, self.events = OutboxRepository(session), EventRepository(session)
        self.catalog, self.checklist = CatalogRepository(session), ChecklistRepository(session)
        self.verifications, self.releases = VerificationRepository(session), ReleaseRepository(session)
        self.announcements, self.locks = AnnouncementRepository(session), LockRepository(session)
        self.kb, self.github = KbRepository(session), GitHubRepository(session)
        self.status, self.imports = StatusRepository(session), PartnerImportRepository(session)
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
