from .listings import CollectionChannelListing, ProductChannelListing, ProductVariantChannelListing
from .media import ProductMedia, Thumbnail
from .products import Product, ProductTranslation, ProductVariant, ProductVariantTranslation
from .taxonomy import (
    Attribute,
    AttributeValue,
    Category,
    CategoryTranslation,
    Collection,
    CollectionTranslation,
    ProductType,
)

__all__ = [
    "Attribute",
    "AttributeValue",
    "Category",
    "CategoryTranslation",
    "Collection",
    "CollectionChannelListing",
    "CollectionTranslation",
    "Product",
    "ProductChannelListing",
    "ProductMedia",
    "ProductTranslation",
    "ProductType",
    "ProductVariant",
    "ProductVariantChannelListing",
    "ProductVariantTranslation",
    "Thumbnail",
]
