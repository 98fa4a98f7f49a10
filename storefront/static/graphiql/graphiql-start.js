// Starts GraphiQL on /graphql/ from the vendored React and GraphiQL builds (see
// scripts/vendor-assets). A file rather than an inline script, so a CSP of 'self' allows it.
(function () {
  "use strict";
  var root = document.getElementById("graphiql");
  var options = root.dataset;

  // A session login counts only with Django's CSRF token; the cookie is HttpOnly, so the
  // token comes from the form field the template renders.
  var headers = {};
  var csrf = document.querySelector("[name=csrfmiddlewaretoken]");
  if (csrf && csrf.value) {
    headers["X-CSRFToken"] = csrf.value;
  }

  var fetcher = window.GraphiQL.createFetcher({ url: options.endpoint, headers: headers });
  var element = window.React.createElement(window.GraphiQL, {
    fetcher: fetcher,
    defaultEditorToolsVisibility: true,
    isHeadersEditorEnabled: options.headerEditor === "true",
    shouldPersistHeaders: options.persistHeaders === "true",
    inputValueDeprecation: options.inputValueDeprecation === "true",
  });
  root.textContent = "";
  window.ReactDOM.createRoot(root).render(element);
})();
