"""Saleor 3.23 documents of the product mutations, as a dashboard or a client writes them.
Each validates against Saleor's schema and runs on ours (test_saleor_documents.py)."""

from __future__ import annotations

ERRORS = "errors { field code message }"

PRODUCT_CREATE = f"""
mutation ProductCreate($input: ProductCreateInput!) {{
  productCreate(input: $input) {{
    product {{ id name slug description productType {{ id }} category {{ id }} weight {{ unit value }} }}
    {ERRORS}
  }}
}}"""

PRODUCT_UPDATE = f"""
mutation ProductUpdate($id: ID!, $input: ProductInput!) {{
  productUpdate(id: $id, input: $input) {{
    product {{ id name slug seoTitle seoDescription category {{ id }} metadata {{ key value }} }}
    {ERRORS}
  }}
}}"""

PRODUCT_DELETE = f"""
mutation ProductDelete($id: ID!) {{
  productDelete(id: $id) {{ product {{ id }} {ERRORS} }}
}}"""

PRODUCT_CHANNEL_LISTING_UPDATE = """
mutation ProductChannelListingUpdate($id: ID!, $input: ProductChannelListingUpdateInput!) {
  productChannelListingUpdate(id: $id, input: $input) {
    product { id channelListings { channel { id slug currencyCode } isPublished publishedAt
      visibleInListings isAvailableForPurchase } }
    errors { field code message channels }
  }
}"""

VARIANT_CREATE = f"""
mutation VariantCreate($input: ProductVariantCreateInput!) {{
  productVariantCreate(input: $input) {{
    productVariant {{ id sku name trackInventory quantityLimitPerCustomer weight {{ value }} }}
    {ERRORS}
  }}
}}"""

VARIANT_UPDATE = f"""
mutation VariantUpdate($id: ID, $sku: String, $input: ProductVariantInput!) {{
  productVariantUpdate(id: $id, sku: $sku, input: $input) {{
    productVariant {{ id sku name }}
    {ERRORS}
  }}
}}"""

VARIANT_DELETE = f"""
mutation VariantDelete($id: ID, $sku: String) {{
  productVariantDelete(id: $id, sku: $sku) {{ productVariant {{ id }} {ERRORS} }}
}}"""

VARIANT_BULK_CREATE = """
mutation VariantBulkCreate($product: ID!, $variants: [ProductVariantBulkCreateInput!]!,
    $policy: ErrorPolicyEnum) {
  productVariantBulkCreate(product: $product, variants: $variants, errorPolicy: $policy) {
    count
    productVariants { id sku }
    results { productVariant { sku } errors { field code message } }
    errors { field code message index }
  }
}"""

VARIANT_CHANNEL_LISTING_UPDATE = """
mutation VariantChannelListingUpdate($id: ID!, $input: [ProductVariantChannelListingAddInput!]!) {
  productVariantChannelListingUpdate(id: $id, input: $input) {
    variant { id channelListings { channel { slug } price { amount currency } costPrice { amount } } }
    errors { field code message channels }
  }
}"""

VARIANT_STOCKS_UPDATE = """
mutation VariantStocksUpdate($variantId: ID!, $stocks: [StockInput!]!) {
  productVariantStocksUpdate(variantId: $variantId, stocks: $stocks) {
    productVariant { id quantityAvailable }
    errors { field code message index }
  }
}"""

MEDIA_CREATE = f"""
mutation ProductMediaCreate($product: ID!, $image: Upload!, $alt: String) {{
  productMediaCreate(input: {{alt: $alt, image: $image, product: $product}}) {{
    product {{ id media {{ id url alt sortOrder }} }}
    media {{ id url alt type }}
    {ERRORS}
  }}
}}"""

MEDIA_DELETE = f"""
mutation ProductMediaDelete($id: ID!) {{
  productMediaDelete(id: $id) {{ media {{ id }} product {{ id media {{ id }} }} {ERRORS} }}
}}"""

MEDIA_REORDER = f"""
mutation ProductMediaReorder($productId: ID!, $mediaIds: [ID!]!) {{
  productMediaReorder(productId: $productId, mediaIds: $mediaIds) {{
    product {{ id media {{ id sortOrder }} }}
    media {{ id sortOrder }}
    {ERRORS}
  }}
}}"""

PRODUCT_TRANSLATE = f"""
mutation ProductTranslate($id: ID!, $languageCode: LanguageCodeEnum!, $input: TranslationInput!) {{
  productTranslate(id: $id, languageCode: $languageCode, input: $input) {{
    product {{ id translation(languageCode: $languageCode) {{ name seoTitle description }} }}
    {ERRORS}
  }}
}}"""

VARIANT_TRANSLATE = f"""
mutation VariantTranslate($id: ID!, $languageCode: LanguageCodeEnum!, $input: NameTranslationInput!) {{
  productVariantTranslate(id: $id, languageCode: $languageCode, input: $input) {{
    productVariant {{ id translation(languageCode: $languageCode) {{ name }} }}
    {ERRORS}
  }}
}}"""

DOCUMENTS = {
    name: value
    for name, value in dict(globals()).items()
    if name.isupper() and name not in ("ERRORS",) and isinstance(value, str)
}
