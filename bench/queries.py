"""The standard storefront queries the benchmark times."""

LIST = """query($first: Int!) { products(first: $first, channel: "international") {
  totalCount edges { node { id name slug
    pricing { priceRange { start { gross { amount currency } } stop { gross { amount currency } } } }
    thumbnail(size: 256, format: WEBP) { url alt }
    category { name } vendor { name } } } } }"""

DETAILS = """query($slug: String!) { product(slug: $slug, channel: "international") {
  id name description seoTitle isAvailableForPurchase
  pricing { priceRange { start { gross { amount currency } } } }
  media { url(size: 1024) alt } category { name parent { name } }
  vendor { name cluster { name } } translation(languageCode: AR) { name }
  variants { id sku name quantityAvailable pricing { price { gross { amount currency } } }
             attributes { attribute { slug } values { name } } } } }"""

SEARCH = """query($q: String!) { products(first: 20, search: $q, channel: "international") {
  totalCount edges { node { id name thumbnail(size: 256) { url } } } } }"""

CATEGORIES = """{ categories(first: 50) { totalCount edges { node { id name slug level
  parent { name } children(first: 20) { totalCount } } } } }"""

SCENARIOS = [
    ("product list, 20", LIST, {"first": 20}),
    ("product list, 100", LIST, {"first": 100}),
    ("product details", DETAILS, {"slug": "chased-tray-atelier-souika"}),
    ("search", SEARCH, {"q": "hammered tray"}),
    ("category list", CATEGORIES, {}),
]
