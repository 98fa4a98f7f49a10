"""Checkout documents as a Saleor storefront sends them (Saleor's fields only), in order."""

CHECKOUT_DOCUMENTS = {
    "create": """
mutation CheckoutCreate($channel: String!, $lines: [CheckoutLineInput!]!, $email: String) {
  checkoutCreate(input: {channel: $channel, lines: $lines, email: $email}) {
    checkout { id token totalPrice { gross { amount currency } } lines { id quantity } }
    errors { field code message variants }
  }
}""",
    "email": """
mutation CheckoutEmailUpdate($id: ID!, $email: String!) {
  checkoutEmailUpdate(id: $id, email: $email) { checkout { id email } errors { field code message } }
}""",
    "shipping_address": """
mutation CheckoutShippingAddressUpdate($id: ID!, $address: AddressInput!) {
  checkoutShippingAddressUpdate(id: $id, shippingAddress: $address) {
    checkout { id shippingMethods { id name price { amount currency } } }
    errors { field code message addressType }
  }
}""",
    "billing_address": """
mutation CheckoutBillingAddressUpdate($id: ID!, $address: AddressInput!) {
  checkoutBillingAddressUpdate(id: $id, billingAddress: $address) {
    checkout { id billingAddress { city country { code } } } errors { field code message }
  }
}""",
    "delivery": """
mutation CheckoutDeliveryMethodUpdate($id: ID!, $methodId: ID!) {
  checkoutDeliveryMethodUpdate(id: $id, deliveryMethodId: $methodId) {
    checkout {
      id
      deliveryMethod { ... on ShippingMethod { id name } }
      shippingPrice { gross { amount } }
      totalPrice { gross { amount currency } }
      availablePaymentGateways { id name currencies }
    }
    errors { field code message }
  }
}""",
    "gateways": """
mutation PaymentGatewayInitialize($id: ID!) {
  paymentGatewayInitialize(id: $id) { gatewayConfigs { id data errors { code } } errors { code } }
}""",
    "pay": """
mutation TransactionInitialize($id: ID!, $gateway: PaymentGatewayToInitialize!) {
  transactionInitialize(id: $id, paymentGateway: $gateway) {
    transaction { id chargedAmount { amount currency } }
    transactionEvent { type message }
    data
    errors { field code message }
  }
}""",
    "complete": """
mutation CheckoutComplete($id: ID!) {
  checkoutComplete(id: $id) {
    order { id number status isPaid chargeStatus total { gross { amount currency } }
            lines { productName quantity totalPrice { gross { amount } } } }
    confirmationNeeded
    errors { field code message }
  }
}""",
    "order": """
query Order($id: ID!) { order(id: $id) { id number status userEmail lines { productName } } }""",
}
