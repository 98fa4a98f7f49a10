"""Tell a cluster's managers when a certificate is issued for, or revoked from, a member's
piece: they vouch for the cluster's name and want to know where it is used."""

from __future__ import annotations

from typing import ClassVar

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail

from marketplace.core.hooks import BasePlugin, CertificateIssued
from marketplace.vendors.models import VendorMembership, VendorRole


@shared_task
def notify_cluster_managers(*, cluster_id: int, subject: str, body: str) -> int:
    recipients = list(
        VendorMembership.objects.filter(vendor_id=cluster_id, role=VendorRole.MANAGER)
        .values_list("user__email", flat=True)
        .order_by("user__email")
    )
    if not recipients:
        return 0
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)


class ClusterNotifyPlugin(BasePlugin):
    name: ClassVar[str] = "cluster_notify"

    def certificate_issued(self, event: CertificateIssued) -> None:
        if event.cluster_id is None:
            return
        notify_cluster_managers.delay(
            cluster_id=event.cluster_id,
            subject=f"Certificate {event.serial} issued",
            body=f"A certificate of authenticity was issued for a member's piece.\n"
            f"Check it at {event.verify_url}",
        )
