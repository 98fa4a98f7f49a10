"""What the catalog write entries aim at (catalog.py): workshop A's ewer, with one variant,
two photos and a French name, built for these entries alone so that deleting it touches no
order, review or checkout of the rest of the world."""

from __future__ import annotations

from marketplace.catalog.models import ProductTranslation

from .world import World, gid


def catalog_writes(world: World) -> None:
    """Called by build_world, last: nothing else of the world counts A's products after it."""
    catalog = world.catalog
    ewer = catalog.product("Ewer", media=2)
    ProductTranslation.objects.create(product=ewer, language_code="fr", name="Aiguière")
    first, second = ewer.media.order_by("sort_order")
    world.ids["ewer"] = gid("Product", ewer.pk)
    world.ids["ewer_variant"] = gid("ProductVariant", ewer.variants.get().pk)
    world.ids["ewer_variant_sku"] = ewer.variants.get().sku
    world.ids["ewer_media"] = gid("ProductMedia", first.pk)
    world.ids["ewer_media_2"] = gid("ProductMedia", second.pk)
    world.ids["channel_tnd"] = gid("Channel", catalog.tnd.pk)
    world.ids["product_type"] = gid("ProductType", catalog.product_type.pk)
