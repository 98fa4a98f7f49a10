"""Operations shaped like those of Saleor's reference storefront (saleor/storefront) and its
checkout: the same operation names, fragments, fields and variables (our own text, asking
what those ask). Each must validate against Saleor 3.23's schema and ours."""

PRODUCT_LIST_ITEM = """
fragment ProductListItem on Product {
  id name slug
  pricing { priceRange { start { gross { amount currency } } stop { gross { amount currency } } } }
  category { id name }
  thumbnail(size: 1024, format: WEBP) { url alt }
}"""

CATALOG = {
    "ProductListPaginated": PRODUCT_LIST_ITEM
    + """
query ProductListPaginated($first: Int!, $after: String, $channel: String!) {
  products(first: $first, after: $after, channel: $channel) {
    totalCount
    edges { node { ...ProductListItem } cursor }
    pageInfo { endCursor hasNextPage }
  }
}""",
    "SearchProducts": PRODUCT_LIST_ITEM
    + """
query SearchProducts($search: String!, $sortBy: ProductOrderField!, $sortDirection: OrderDirection!,
    $first: Int!, $after: String, $channel: String!) {
  products(first: $first, after: $after, channel: $channel,
           sortBy: {field: $sortBy, direction: $sortDirection}, filter: {search: $search}) {
    totalCount
    edges { node { ...ProductListItem } cursor }
    pageInfo { endCursor hasNextPage }
  }
}""",
    "ProductListByCategory": PRODUCT_LIST_ITEM
    + """
query ProductListByCategory($slug: String!, $channel: String!) {
  category(slug: $slug) {
    name description seoDescription seoTitle
    products(first: 100, channel: $channel) { edges { node { ...ProductListItem } } }
  }
}""",
    "ProductListByCollection": PRODUCT_LIST_ITEM
    + """
query ProductListByCollection($slug: String!, $channel: String!) {
  collection(slug: $slug, channel: $channel) {
    name description seoDescription seoTitle
    products(first: 100) { edges { node { ...ProductListItem } } }
  }
}""",
    "ProductDetails": """
query ProductDetails($slug: String!, $channel: String!) {
  product(slug: $slug, channel: $channel) {
    id name slug description seoTitle seoDescription
    thumbnail(size: 1024, format: WEBP) { url alt }
    category { name }
    variants {
      id name quantityAvailable
      pricing { price { gross { currency amount } } }
    }
    pricing { priceRange { start { gross { amount currency } } stop { gross { amount currency } } } }
  }
}""",
    "VariantDetails": """
query VariantDetails($id: ID!, $channel: String!) {
  productVariant(id: $id, channel: $channel) {
    id name sku quantityAvailable
    product { name slug }
    pricing { price { gross { amount currency } } }
  }
}""",
    "MenuGetBySlug": """
fragment MenuItem on MenuItem {
  id name level
  category { id slug name }
  collection { id name slug }
  page { id title slug }
  url
}
query MenuGetBySlug($slug: String!, $channel: String!) {
  menu(slug: $slug, channel: $channel) {
    items { ...MenuItem children { ...MenuItem } }
  }
}""",
    "PageGetBySlug": """
query PageGetBySlug($slug: String!) {
  page(slug: $slug) { id slug title seoTitle seoDescription content }
}""",
    "ChannelsList": """
query ChannelsList {
  channels { id name slug isActive currencyCode countries { country code } }
}""",
}

CHECKOUT_FRAGMENT = """
fragment CheckoutDetails on Checkout {
  id email
  lines {
    id quantity
    totalPrice { gross { amount currency } }
    variant {
      id name
      product { id name slug thumbnail { url alt } category { name } }
      pricing { price { gross { amount currency } } }
    }
  }
  totalPrice { gross { amount currency } tax { amount currency } }
  shippingMethods { id name price { amount currency } }
  deliveryMethod { ... on ShippingMethod { id name } }
  availablePaymentGateways { id name }
}"""

CHECKOUT = {
    "CheckoutCreate": """
mutation CheckoutCreate($channel: String!) {
  checkoutCreate(input: {channel: $channel, lines: []}) {
    checkout { id }
    errors { field code message }
  }
}""",
    "CheckoutFind": CHECKOUT_FRAGMENT
    + """
query CheckoutFind($id: ID!) { checkout(id: $id) { ...CheckoutDetails } }""",
    "CheckoutAddLine": CHECKOUT_FRAGMENT
    + """
mutation CheckoutAddLine($id: ID!, $productVariantId: ID!) {
  checkoutLinesAdd(id: $id, lines: [{quantity: 1, variantId: $productVariantId}]) {
    checkout { ...CheckoutDetails }
    errors { message }
  }
}""",
    "CheckoutLinesUpdate": """
mutation CheckoutLinesUpdate($id: ID!, $lines: [CheckoutLineUpdateInput!]!) {
  checkoutLinesUpdate(id: $id, lines: $lines) {
    checkout { id lines { id quantity } }
    errors { field code message }
  }
}""",
    "CheckoutDeleteLines": """
mutation CheckoutDeleteLines($checkoutId: ID!, $lineIds: [ID!]!) {
  checkoutLinesDelete(id: $checkoutId, linesIds: $lineIds) {
    checkout { id lines { id } }
    errors { field code }
  }
}""",
    "CheckoutEmailUpdate": """
mutation CheckoutEmailUpdate($checkoutId: ID!, $email: String!) {
  checkoutEmailUpdate(id: $checkoutId, email: $email) {
    checkout { id email }
    errors { field code message }
  }
}""",
    "CheckoutShippingAddressUpdate": """
mutation CheckoutShippingAddressUpdate($checkoutId: ID!, $shippingAddress: AddressInput!,
    $validationRules: CheckoutAddressValidationRules) {
  checkoutShippingAddressUpdate(id: $checkoutId, shippingAddress: $shippingAddress,
      validationRules: $validationRules) {
    checkout { id shippingAddress { city } shippingMethods { id name } }
    errors { field code message }
  }
}""",
    "CheckoutBillingAddressUpdate": """
mutation CheckoutBillingAddressUpdate($checkoutId: ID!, $billingAddress: AddressInput!,
    $validationRules: CheckoutAddressValidationRules) {
  checkoutBillingAddressUpdate(id: $checkoutId, billingAddress: $billingAddress,
      validationRules: $validationRules) {
    checkout { id billingAddress { city } }
    errors { field code message }
  }
}""",
    "DeliveryOptionsCalculate": """
mutation DeliveryOptionsCalculate($id: ID!) {
  deliveryOptionsCalculate(id: $id) {
    deliveries { id shippingMethod { id name price { amount currency } } }
    errors { field code message }
  }
}""",
    "CheckoutDeliveryMethodUpdate": """
mutation CheckoutDeliveryMethodUpdate($id: ID!, $deliveryMethodId: ID!) {
  checkoutDeliveryMethodUpdate(id: $id, deliveryMethodId: $deliveryMethodId) {
    checkout { id deliveryMethod { ... on ShippingMethod { id name } }
      totalPrice { gross { amount currency } } }
    errors { field code message }
  }
}""",
    "CheckoutAddPromoCode": """
mutation CheckoutAddPromoCode($id: ID!, $promoCode: String!) {
  checkoutAddPromoCode(id: $id, promoCode: $promoCode) {
    checkout { id discount { amount currency } voucherCode totalPrice { gross { amount } } }
    errors { field code message }
  }
}""",
    "CheckoutRemovePromoCode": """
mutation CheckoutRemovePromoCode($id: ID!, $promoCode: String) {
  checkoutRemovePromoCode(id: $id, promoCode: $promoCode) {
    checkout { id voucherCode }
    errors { field code message }
  }
}""",
    "PaymentGatewaysInitialize": """
mutation PaymentGatewaysInitialize($checkoutId: ID!, $paymentGateways: [PaymentGatewayToInitialize!]) {
  paymentGatewayInitialize(id: $checkoutId, paymentGateways: $paymentGateways) {
    gatewayConfigs { id data errors { field message code } }
    errors { field message code }
  }
}""",
    "TransactionInitialize": """
mutation TransactionInitialize($checkoutId: ID!, $action: TransactionFlowStrategyEnum,
    $paymentGateway: PaymentGatewayToInitialize!, $amount: PositiveDecimal) {
  transactionInitialize(id: $checkoutId, action: $action, paymentGateway: $paymentGateway,
      amount: $amount) {
    transaction { id actions }
    transactionEvent { message type }
    data
    errors { field code message }
  }
}""",
    "CheckoutComplete": """
mutation CheckoutComplete($checkoutId: ID!) {
  checkoutComplete(id: $checkoutId) {
    order { id number status isPaid total { gross { amount currency } } }
    errors { field message code }
  }
}""",
}

ACCOUNT = {
    "TokenCreate": """
mutation TokenCreate($email: String!, $password: String!) {
  tokenCreate(email: $email, password: $password) {
    token refreshToken
    errors { field code message }
  }
}""",
    "CurrentUser": """
fragment UserDetails on User {
  id email firstName lastName isStaff
  avatar { url alt }
}
query CurrentUser($channel: String) {
  me { ...UserDetails defaultShippingAddress { city } checkoutIds(channel: $channel) }
}""",
    "CurrentUserOrderList": """
query CurrentUserOrderList {
  me {
    id
    orders(first: 20) {
      edges { node { id number created status
        total { gross { amount currency } }
        lines { id productName quantity } } }
    }
  }
}""",
    "AccountAddressCreate": """
mutation AccountAddressCreate($input: AddressInput!, $type: AddressTypeEnum) {
  accountAddressCreate(input: $input, type: $type) {
    address { id city country { code } }
    errors { field code message }
  }
}""",
    "AccountUpdate": """
mutation AccountUpdate($input: AccountInput!) {
  accountUpdate(input: $input) {
    user { id firstName lastName }
    errors { field code message }
  }
}""",
    "AccountRequestDeletion": """
mutation AccountRequestDeletion($redirectUrl: String!, $channel: String) {
  accountRequestDeletion(redirectUrl: $redirectUrl, channel: $channel) {
    errors { field code message }
  }
}""",
}

DOCUMENTS = {**CATALOG, **CHECKOUT, **ACCOUNT}
