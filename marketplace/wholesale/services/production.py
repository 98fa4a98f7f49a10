"""Production: members report progress and quality checks per share; the manager sees the
order's progress and delays; the buyer is told (once per share) when a part is late."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from marketplace.core.errors import DomainError, NotFound
from marketplace.core.uploads import PHOTO, upload_accept
from marketplace.vendors.models import Vendor, VendorKind
from marketplace.vendors.permissions import manages_workshop

from ..access import quote_for_manager, share_for_member
from ..models import ProgressReport, QuoteShare, QuoteStatus, ShareStatus, WorkshopCapacity


@transaction.atomic
def progress_report(
    *,
    actor: Any,
    share_id: int,
    progress: int,
    quality_passed: bool | None = None,
    note: str = "",
    photo: Any = None,
) -> ProgressReport:
    share = share_for_member(actor, share_id, lock=True)
    if share.status != ShareStatus.ACCEPTED or share.line.quote.status != QuoteStatus.IN_PRODUCTION:
        raise DomainError("This share is not in production.", field="id", code="INVALID")
    if not 0 <= progress <= 100:
        raise DomainError("A percentage from 0 to 100.", field="progress")
    report = ProgressReport(
        share=share, progress=progress, quality_passed=quality_passed, note=note.strip()
    )
    if photo is not None:
        accepted = upload_accept(upload=photo, field="photo", policy=PHOTO)
        report.photo.save(accepted.name, accepted.content, save=False)
    report.save()
    share.progress = progress
    share.save(update_fields=["progress"])
    return report


@dataclass(frozen=True)
class ShareProgress:
    share: QuoteShare
    late: bool
    days_late: int


def production_board(*, actor: Any, quote_id: int) -> list[ShareProgress]:
    """Every live share with its progress and delay against its promised date; one query."""
    quote = quote_for_manager(actor, quote_id)
    today = timezone.localdate()
    shares = QuoteShare.objects.filter(
        line__quote=quote, status=ShareStatus.ACCEPTED
    ).select_related("workshop", "line")
    board = []
    for share in shares:
        done = share.received_quantity >= share.quantity or share.progress >= 100
        late = not done and share.promised_date < today
        board.append(ShareProgress(share, late, (today - share.promised_date).days if late else 0))
    return board


def late_shares_notify(*, actor: Any, quote_id: int) -> list[QuoteShare]:
    """Tell the buyer about each late part not yet announced (e-mail after commit)."""
    from ..tasks import buyer_told_part_late

    late = [row.share for row in production_board(actor=actor, quote_id=quote_id) if row.late]
    fresh = [share for share in late if not share.late_notified]
    if fresh:
        with transaction.atomic():
            QuoteShare.objects.filter(pk__in=[s.pk for s in fresh]).update(late_notified=True)
            ids = [s.pk for s in fresh]
            transaction.on_commit(lambda: buyer_told_part_late.delay(share_ids=ids))
    return fresh


MAX_PIECES_PER_WEEK = 100_000


@transaction.atomic
def capacity_state(*, actor: Any, workshop_id: int, pieces_per_week: int) -> WorkshopCapacity:
    """What a member workshop says it can make per week, which its cluster's manager sees
    beside its current load when sharing lines. Only the people who run the workshop state it."""
    workshop = Vendor.objects.filter(pk=workshop_id, kind=VendorKind.WORKSHOP).first()
    if workshop is None or not manages_workshop(actor, workshop):
        raise NotFound("No such workshop.", field="workshop")
    if not 0 <= pieces_per_week <= MAX_PIECES_PER_WEEK:
        raise DomainError(
            f"Give between 0 and {MAX_PIECES_PER_WEEK} pieces a week.",
            field="piecesPerWeek",
            code="INVALID",
        )
    capacity, _ = WorkshopCapacity.objects.update_or_create(
        workshop=workshop, defaults={"pieces_per_week": pieces_per_week}
    )
    return capacity
