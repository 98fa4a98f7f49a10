"""A world for certificate review: a piece of workshop A (cluster A) with a certificate, an
independent workshop's piece, the actors around them and scans from several places."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.utils import timezone

from marketplace.accounts.models import User
from marketplace.authenticity.models import CertificateScan
from marketplace.authenticity.reports import scan_report_create
from marketplace.authenticity.scans import scan_record
from marketplace.provenance.certificates import certificate_issue
from marketplace.provenance.models import Certificate
from marketplace.vendors.models import VendorMembership, VendorRole
from tests.factories import CatalogBuilder, ClusterFactory, WorkshopFactory

PASSWORD = "pw-123456789"
ACTORS = ("buyer", "owner_a", "staff_a", "owner_b", "manager_a", "manager_other", "staff")
# Countries and networks a copied code travels through in one afternoon.
PLACES = [("FR", "81.2.69.10"), ("DE", "85.214.1.7"), ("US", "8.8.4.20"), ("TN", "197.2.3.4")]


@dataclass
class CertificateWorld:
    catalog: CatalogBuilder
    certificate: Certificate
    independent: Certificate
    users: dict[str, User] = field(default_factory=dict)


def _user(world: CertificateWorld, actor: str, *, staff: bool = False) -> User:
    user = User.objects.create_user(
        f"{actor.replace('_', '-')}@example.com", PASSWORD, is_staff=staff, first_name=actor
    )
    world.users[actor] = user
    return user


def scans_from_many_places(certificate: Certificate) -> None:
    for country, ip in PLACES:
        scan_record(certificate=certificate, client_ip=ip, country=country)


def build(settings: Any, tmp_path: Any) -> CertificateWorld:
    settings.CERTIFICATE_KEY_DIR = tmp_path / "keys"
    catalog = CatalogBuilder()
    ewer = catalog.product("Hammered copper ewer")
    certificate = certificate_issue(product=ewer, order_reference="order #1001")
    alone = WorkshopFactory(slug="alone", name="Atelier Seul", cluster=None)
    bowl = catalog.product("Silver bowl", vendor=alone)
    independent = certificate_issue(product=bowl)
    world = CertificateWorld(catalog=catalog, certificate=certificate, independent=independent)
    _user(world, "buyer")
    _user(world, "staff", staff=True)
    other_cluster = ClusterFactory(slug="batna", name="Batna Silver")
    other_workshop = WorkshopFactory(slug="other", name="Atelier B", cluster=other_cluster)
    for actor, vendor, role in (
        ("owner_a", catalog.workshop, VendorRole.OWNER),
        ("staff_a", catalog.workshop, VendorRole.STAFF),
        ("owner_b", other_workshop, VendorRole.OWNER),
        ("manager_a", catalog.cluster, VendorRole.MANAGER),
        ("manager_other", other_cluster, VendorRole.MANAGER),
    ):
        VendorMembership.objects.create(user=_user(world, actor), vendor=vendor, role=role)
    VendorMembership.objects.create(
        user=_user(world, "owner_alone"), vendor=alone, role=VendorRole.OWNER
    )
    return world


def flagged(world: CertificateWorld) -> None:
    """The ewer's code scanned from four countries this afternoon, and reported by a buyer;
    an older genuine scan from the buyer's own country a week ago."""
    CertificateScan.objects.create(
        certificate=world.certificate,
        scanned_at=timezone.now() - timedelta(days=7),
        country="FR",
        network="81.2.69.0/24",
    )
    scans_from_many_places(world.certificate)
    scan_report_create(
        serial=world.certificate.serial,
        reason="OTHER_SELLER",
        note="Sold on a market stall for 20 euros",
        where="Marché de Tunis",
        client_ip="197.2.3.9",
        language_code="fr",
    )
