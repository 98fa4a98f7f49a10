/* The listing editor, enhanced. Without this script every part still works: the form posts
   the photos with the rest, the server computes the suggested prices and the HS code.
   With it: a preview of the chosen photos, an upload progress bar, suggested prices as the
   artisan types (exact decimal arithmetic, never binary floats), the HS code suggestion
   following the kind of piece, lead-time fields only for made-to-order pieces. */
(function () {
  "use strict";

  // Decimal strings as [BigInt digits, scale]: "12.5" -> [125n, 1].
  function parse(text) {
    var m = /^\s*(\d*)(?:[.,](\d*))?\s*$/.exec(text || "");
    if (!m || (m[1] === "" && !m[2])) return null;
    var frac = m[2] || "";
    return [BigInt((m[1] || "0") + frac), frac.length];
  }
  function format(digits, places) {
    var s = digits.toString().padStart(places + 1, "0");
    return places ? s.slice(0, -places) + "." + s.slice(-places) : s;
  }
  // amount × rate, rounded half-up to `places` decimals.
  function convert(amountText, rateText, places) {
    var a = parse(amountText), r = parse(rateText);
    if (!a || !r) return null;
    var product = a[0] * r[0], scale = a[1] + r[1];
    if (scale <= places) return format(product * 10n ** BigInt(places - scale), places);
    var unit = 10n ** BigInt(scale - places);
    return format((product + unit / 2n) / unit, places);
  }

  // For display only, in the page's locale (the field gets the exact digit string).
  function shown(value, rate) {
    try {
      return new Intl.NumberFormat(document.documentElement.lang + "-u-nu-latn", {
        style: "currency", currency: rate.currency,
        minimumFractionDigits: rate.places, maximumFractionDigits: rate.places
      }).format(Number(value));
    } catch (e) {
      return value + " " + rate.currency;
    }
  }

  function prices(form) {
    var panel = form.querySelector("#prices-panel");
    var home = form.querySelector("#id_home_price");
    if (!panel || !home) return;
    var rates = JSON.parse(panel.dataset.rates || "{}");
    var button = form.querySelector("#use-suggestions");
    function suggest() {
      var any = false;
      Object.keys(rates).forEach(function (slug) {
        var note = panel.querySelector('.suggestion[data-channel="' + slug + '"]');
        var value = convert(home.value, rates[slug].rate, rates[slug].places);
        if (!note) return;
        note.dataset.value = value || "";
        note.textContent = value ? note.dataset.label + " " + shown(value, rates[slug]) : "";
        any = any || !!value;
      });
      if (button) button.hidden = !any;
    }
    panel.querySelectorAll(".suggestion").forEach(function (note) {
      note.dataset.label = panel.dataset.suggestedLabel || "";
    });
    home.addEventListener("input", suggest);
    if (button) {
      button.addEventListener("click", function () {
        panel.querySelectorAll(".suggestion").forEach(function (note) {
          var input = form.querySelector("#id_price_" + note.dataset.channel);
          if (input && note.dataset.value) input.value = note.dataset.value;
        });
      });
    }
    if (home.value) suggest();
  }

  function hsCode(form) {
    var panel = form.querySelector("#shipping-panel");
    var kind = form.querySelector("#id_product_type");
    var hs = form.querySelector("#id_hs_code");
    if (!panel || !kind || !hs) return;
    var codes = JSON.parse(panel.dataset.hsCodes || "{}");
    kind.addEventListener("change", function () {
      var code = codes[kind.value] || "";
      hs.placeholder = code;
      if (!hs.value && code) hs.value = code;
    });
  }

  function leadTime(form) {
    var lead = form.querySelector(".ws-lead");
    if (!lead) return;
    function show() {
      var chosen = form.querySelector('input[name="availability"]:checked');
      lead.hidden = !chosen || chosen.value !== "made_to_order";
    }
    form.querySelectorAll('input[name="availability"]').forEach(function (r) {
      r.addEventListener("change", show);
    });
    show();
  }

  function photos(form) {
    var input = form.querySelector("#id_photos");
    var list = form.querySelector("#photos");
    if (!input || !list) return;
    input.addEventListener("change", function () {
      list.querySelectorAll("li.pending").forEach(function (li) { li.remove(); });
      Array.prototype.forEach.call(input.files, function (file) {
        var li = document.createElement("li");
        li.className = "pending";
        var img = document.createElement("img");
        img.alt = file.name;
        img.src = URL.createObjectURL(file);
        li.appendChild(img);
        list.appendChild(li);
      });
    });
  }

  // Post the whole form with XMLHttpRequest to show the upload's progress, then show what
  // the server answered: the page it redirected to, or the form again with its errors.
  function progress(form) {
    var box = form.querySelector("#upload-progress");
    if (!box || !window.FormData) return;
    var bar = box.querySelector("progress"), pct = box.querySelector(".pct");
    form.addEventListener("submit", function (event) {
      var input = form.querySelector("#id_photos");
      if (!input || !input.files.length) return; // nothing heavy: an ordinary post
      event.preventDefault();
      var data = new FormData(form);
      if (event.submitter && event.submitter.name) data.append(event.submitter.name, event.submitter.value);
      var xhr = new XMLHttpRequest();
      // form.action would be the button named "action": read the attribute itself.
      xhr.open("POST", form.getAttribute("action") || window.location.href);
      xhr.setRequestHeader("X-Requested-With", "XMLHttpRequest");
      xhr.upload.addEventListener("progress", function (e) {
        if (!e.lengthComputable) return;
        var n = Math.round((e.loaded / e.total) * 100);
        bar.value = n;
        pct.textContent = n + " %";
      });
      xhr.addEventListener("load", function () {
        var type = xhr.getResponseHeader("Content-Type") || "";
        if (type.indexOf("application/json") === 0) {
          window.location.assign(JSON.parse(xhr.responseText).redirect);
          return;
        }
        document.open();
        document.write(xhr.responseText);
        document.close();
      });
      xhr.addEventListener("error", function () { form.submit(); });
      box.hidden = false;
      form.querySelectorAll("button[type=submit]").forEach(function (b) { b.disabled = true; });
      xhr.send(data);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("listing-form");
    if (!form) return;
    prices(form);
    hsCode(form);
    leadTime(form);
    photos(form);
    progress(form);
  });
})();
