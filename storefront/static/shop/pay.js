/* Card payment with Stripe's Payment Element (deferred intent): the card fields live in
   Stripe's frames; this page only asks our server for a PaymentIntent when the buyer pays,
   confirms it with Stripe.js, then goes to the return URL where the server places the order.
   Read by storefront/shop/stripe_pay.py; no inline script (see storefront/csp.py). */
(function () {
  "use strict";
  var box = document.getElementById("stripe-pay");
  var form = document.getElementById("pay-form");
  if (!box || !form || typeof Stripe === "undefined") {
    return;
  }
  var errorBox = document.getElementById("payment-error");
  var payButton = document.getElementById("pay");
  var loading = document.getElementById("stripe-loading");
  var stripe = Stripe(box.dataset.key, { locale: box.dataset.locale });
  var elements = stripe.elements({
    mode: "payment",
    amount: parseInt(box.dataset.amount, 10),
    currency: box.dataset.currency,
    locale: box.dataset.locale,
    appearance: { theme: "stripe", variables: { colorPrimary: "#8a3b12", borderRadius: "6px" } },
  });
  if (loading) {
    loading.remove();
  }
  elements.create("payment").mount("#payment-element");

  function showError(message) {
    errorBox.textContent = message;
    errorBox.hidden = false;
    payButton.disabled = false;
    payButton.removeAttribute("aria-busy");
  }

  var tries = 0; // a declined card's intent is done with: the next try asks for a new one

  form.addEventListener("submit", async function (event) {
    if (event.submitter && event.submitter !== payButton) {
      return; // "update the total": an ordinary form post
    }
    event.preventDefault();
    errorBox.hidden = true;
    payButton.disabled = true;
    payButton.setAttribute("aria-busy", "true");
    var checked = elements.submit ? await elements.submit() : {};
    if (checked && checked.error) {
      showError(checked.error.message || box.dataset.failed);
      return;
    }
    var answer;
    var fields = new URLSearchParams(new FormData(form)); // as the form posts (not multipart)
    tries += 1;
    fields.set("try", String(tries));
    try {
      var response = await fetch(box.dataset.intentUrl, {
        method: "POST",
        body: fields,
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      answer = await response.json();
      if (!response.ok) {
        showError(answer.error || box.dataset.unavailable);
        return;
      }
    } catch (err) {
      showError(box.dataset.unavailable);
      return;
    }
    var result;
    try {
      result = await stripe.confirmPayment({
        elements: elements,
        clientSecret: answer.client_secret,
        confirmParams: { return_url: answer.return_url },
        redirect: "if_required",
      });
    } catch (err) {
      showError(box.dataset.unavailable);
      return;
    }
    if (result.error) {
      // Stripe's own words for an incomplete field (in the page's language); a refused card
      // in ours: nothing charged, the basket kept.
      var incomplete = result.error.type === "validation_error" && result.error.message;
      showError(incomplete ? result.error.message : box.dataset.failed);
      return;
    }
    window.location.assign(answer.return_url);
  });
})();
