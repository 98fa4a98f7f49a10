"""Catalog queries in the form a Saleor storefront sends them (fragments, variables, enums)."""

STOREFRONT_QUERIES = {
    "product_list": """
fragment ProductListItem on Product {
  id name slug
  pricing { priceRange { start { gross { amount currency } } stop { gross { amount currency } } } }
  category { id name }
  thumbnail(size: 1024, format: WEBP) { url alt }
}
query ProductListPaginated($first: Int!, $after: String, $channel: String!) {
  products(first: $first, after: $after, channel: $channel) {
    totalCount
    edges { node { ...ProductListItem } cursor }
    pageInfo { endCursor hasNextPage }
  }
}""",
    "product_details": """
query ProductDetails($slug: String!, $channel: String!) {
  product(slug: $slug, channel: $channel) {
    id name slug description seoTitle seoDescription
    pricing { priceRange { start { gross { amount currency } } stop { gross { amount currency } } } }
    category { id name }
    thumbnail(size: 1024, format: WEBP) { url alt }
    media { url alt type }
    isAvailableForPurchase
    variants {
      id name quantityAvailable
      pricing { price { gross { currency amount } } }
      attributes { attribute { slug name } values { name } }
    }
  }
}""",
    "product_search": """
query SearchProducts($search: String!, $first: Int!, $channel: String!) {
  products(search: $search, first: $first, channel: $channel,
           sortBy: {field: RANK, direction: DESC}) {
    totalCount edges { node { id name slug } }
  }
}""",
    "category_with_products": """
query ProductListByCategory($slug: String!, $channel: String!) {
  category(slug: $slug) {
    name description seoTitle seoDescription
    backgroundImage { url alt }
    products(first: 100, channel: $channel) { edges { node { id name pricing { onSale } } } }
  }
}""",
    "collections_and_categories": """
query Navigation($channel: String!, $locale: LanguageCodeEnum!) {
  categories(first: 20, level: 0) { edges { node { id name slug translation(languageCode: $locale) { name } } } }
  collections(first: 20, channel: $channel) { edges { node { id name slug } } }
  menu(slug: "navbar", channel: $channel) {
    items { id name category { slug } collection { slug } page { slug } url children { id name } }
  }
}""",
    "shop_and_channels": """
query ShopInfo {
  shop { name description defaultCountry { code country } countries { code country } }
  channels { id slug name currencyCode defaultCountry { code } }
  pages(first: 10) { edges { node { id title slug } } }
}""",
    "variants_by_ids": """
query Variants($channel: String!) {
  productVariants(first: 10, channel: $channel) {
    edges { node { id sku name product { name } pricing { price { gross { amount currency } } } } }
  }
}""",
}
