/* Stripe's Payment Element API on top of localstripe's Stripe.js stand-in (which knows only
   the card Element and confirmCardPayment). Appended to what localstripe serves at
   /js.stripe.com/v3/ by tests/support/localstripe_server.py. It does what Stripe.js does
   with the publishable key: creates a card PaymentMethod from the fields, then confirms the
   PaymentIntent with its client secret. Test code only: production loads js.stripe.com. */
(function () {
  "use strict";
  const standIn = Stripe;
  const post = async (path, body) => {
    const response = await fetch(`${LOCALSTRIPE_BASE_API}${path}`, {
      method: "POST", // a JSON body sent as text, as localstripe's stand-in does: no preflight
      body: JSON.stringify(body),
    });
    const answer = await response.json().catch(() => ({}));
    return { ok: response.status === 200 && !answer.error, answer };
  };
  Stripe = (apiKey, options) => {
    const stripe = standIn(apiKey, options);
    const makeElements = stripe.elements;
    stripe.elements = (elementsOptions) => {
      const elements = makeElements();
      const create = elements.create;
      elements.create = function (type, createOptions) {
        const element = create.call(this, "card", createOptions);
        const mount = element.mount;
        element.mount = function (target) {
          mount.call(this, target);
          // Name the stand-in's fields, as Stripe's frames do for assistive technology.
          Object.entries(this._inputs || {}).forEach(([field, input]) => {
            input.setAttribute("aria-label", field.replace("_", " "));
            input.setAttribute("name", `localstripe-${field}`);
          });
        };
        return element;
      };
      elements.submit = async () => {
        const value = elements._cardElement && elements._cardElement.value;
        if (!value || !value.card.number) {
          return { error: { type: "validation_error", message: "Your card number is incomplete." } };
        }
        return {};
      };
      elements.options = elementsOptions;
      return elements;
    };
    stripe.confirmPayment = async ({ elements, clientSecret }) => {
      const value = elements._cardElement.value;
      const method = await post("/v1/payment_methods", {
        key: apiKey,
        type: "card",
        card: value.card,
        billing_details: { address: { postal_code: value.postal_code } },
      });
      if (!method.ok) {
        return { error: { type: "card_error", ...(method.answer.error || {}) } };
      }
      const intentId = clientSecret.match(/^(pi_\w+)_secret_/)[1];
      const confirmed = await post(`/v1/payment_intents/${intentId}/confirm`, {
        key: apiKey,
        client_secret: clientSecret,
        payment_method: method.answer.id,
      });
      if (!confirmed.ok) {
        return { error: { type: "card_error", ...(confirmed.answer.error || {}) } };
      }
      if (confirmed.answer.status !== "succeeded") {
        const error = confirmed.answer.last_payment_error || { message: "Payment failed." };
        return { error: { type: "card_error", ...error }, paymentIntent: confirmed.answer };
      }
      return { paymentIntent: confirmed.answer };
    };
    return stripe;
  };
})();
