"""Actors of the permission matrix around one workshop (A, in cluster Constantine)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client

from conftest import GraphQLClient
from marketplace.accounts.models import Address, User
from marketplace.inventory.models import Warehouse
from marketplace.vendors.models import VendorMembership
from tests.factories import ClusterFactory, WorkshopFactory


@dataclass
class World:
    catalog: Any
    users: dict[str, Any]
    workshop_b: Any
    warehouse_b: Any

    def client(self, who: str) -> GraphQLClient:
        client = Client()
        user = self.users[who]
        if user.is_authenticated:
            client.force_login(user)
        return GraphQLClient(client)


def _user(email: str, vendor: Any = None, role: str | None = None, staff: bool = False) -> User:
    user = User.objects.create_user(email, "pw-123456789", is_staff=staff)
    if vendor is not None:
        VendorMembership.objects.create(user=user, vendor=vendor, role=role)
    return user


@pytest.fixture
def world(catalog: Any) -> World:
    other_cluster = ClusterFactory(slug="batna", name="Batna")
    workshop_b = WorkshopFactory(slug="fidda", name="Fidda", cluster=other_cluster)
    warehouse_b = Warehouse.objects.create(
        vendor=workshop_b,
        name="Fidda",
        slug="fidda-wh",
        address=Address.objects.create(city="Batna", country="DZ"),
    )
    users = {
        "anonymous": AnonymousUser(),
        "buyer": _user("buyer@example.com"),
        "artisan_a": _user("a@example.com", catalog.workshop, "owner"),
        "artisan_b": _user("b@example.com", workshop_b, "owner"),
        "manager_a": _user("ma@example.com", catalog.cluster, "manager"),
        "manager_other": _user("mo@example.com", other_cluster, "manager"),
        "staff": _user("staff@example.com", staff=True),
    }
    return World(catalog=catalog, users=users, workshop_b=workshop_b, warehouse_b=warehouse_b)


# The actors who are not workshop A's: each must be answered as for a missing object.
STRANGERS = ["anonymous", "buyer", "artisan_b", "manager_a", "manager_other"]
