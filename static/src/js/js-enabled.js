// Loaded as a classic script right after <body> (the CSP forbids GOV.UK's
// inline snippet). Idempotent: htmx may re-run it after a boosted swap.
(function () {
  var c = document.body.classList;
  c.add("js-enabled");
  if ("noModule" in HTMLScriptElement.prototype) {
    c.add("govuk-frontend-supported");
  }
})();
