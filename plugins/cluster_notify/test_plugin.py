from __future__ import annotations

import pytest

from marketplace.accounts.models import User
from marketplace.core.plugins import reset_plugin_manager
from marketplace.provenance.certificates import certificate_issue
from marketplace.vendors.models import VendorMembership


@pytest.fixture(autouse=True)
def _plugins(settings, tmp_path):
    # The URLconf mounts the plugins configured when it is first imported: import it before
    # these tests narrow the list, or the tests after them would find no plugin endpoints.
    import marketplace.urls  # noqa: F401

    settings.PLUGINS = ["plugins.cluster_notify.plugin.ClusterNotifyPlugin"]
    settings.CERTIFICATE_KEY_DIR = tmp_path / "keys"
    reset_plugin_manager()
    yield
    reset_plugin_manager()


@pytest.mark.django_db
def test_cluster_managers_hear_of_each_certificate_after_commit(
    catalog, mailoutbox, django_capture_on_commit_callbacks
):
    manager = User.objects.create_user("manager@example.com", "pw-123456789")
    VendorMembership.objects.create(user=manager, vendor=catalog.cluster, role="manager")
    with django_capture_on_commit_callbacks(execute=False) as pending:
        certificate = certificate_issue(product=catalog.product("Tray"))
    assert mailoutbox == []  # nothing before the commit
    for callback in pending:
        callback()
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["manager@example.com"]
    assert certificate.serial in mailoutbox[0].subject


@pytest.mark.django_db
def test_a_failing_plugin_never_breaks_issuance(
    catalog, settings, caplog, django_capture_on_commit_callbacks
):
    settings.PLUGINS = ["plugins.cluster_notify.test_plugin.ExplodingPlugin"]
    reset_plugin_manager()
    with django_capture_on_commit_callbacks(execute=True):
        certificate = certificate_issue(product=catalog.product("Tray"))
    assert certificate.pk is not None
    assert "Plugin exploding failed in certificate_issued" in caplog.text


from marketplace.core.hooks import BasePlugin  # noqa: E402


class ExplodingPlugin(BasePlugin):
    name = "exploding"

    def certificate_issued(self, event):
        raise RuntimeError("boom")


class HalfPriceBoxes(BasePlugin):
    name = "half_price_boxes"

    def packaging_price(self, item):
        return item.price / 2


@pytest.mark.django_db
def test_plugins_may_adjust_packaging_prices(catalog, settings, gql):
    from decimal import Decimal

    from marketplace.packaging.models import PackagingOption, PackagingOptionChannelListing

    settings.PLUGINS = ["plugins.cluster_notify.test_plugin.HalfPriceBoxes"]
    reset_plugin_manager()
    catalog.product("Tray")
    option = PackagingOption.objects.create(
        vendor=catalog.cluster, name="Box", kind="gift", length_cm=1, width_cm=1, height_cm=1
    )
    PackagingOptionChannelListing.objects.create(
        option=option, channel=catalog.tnd, currency="TND", price_amount=Decimal("10.001")
    )
    data = gql.data(
        '{ products(first: 1, channel: "tunisia") { edges { node { packagingOptions { price { amount } } } } } }'
    )
    assert data["products"]["edges"][0]["node"]["packagingOptions"] == [
        {"price": {"amount": 5.001}}
    ]
