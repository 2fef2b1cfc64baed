// Starts GOV.UK Frontend components, and restarts them inside content that
// htmx swaps in. htmx's own settings live in <meta name="htmx-config">.
import {
  Button, CharacterCount, Checkboxes, ErrorSummary, ExitThisPage, FileUpload, NotificationBanner,
  PasswordInput, Radios, ServiceNavigation, SkipLink, createAll, isSupported,
} from "govuk-frontend";
// htmx 2 starts itself when its module runs (settings from <meta name="htmx-config">). Its module
// build does not set window.htmx as the classic script did; set it, for the console and the tests.
import htmx from "htmx.org";
window.htmx = htmx;
// The warning before saved answers are deleted for inactivity (its own module).
import "./timeout-warning.mjs";
// "Listen": reads questions aloud where the phone has a voice for the page's language.
import "./listen.mjs";

// createAll() logs every failure with console.log. A component root that is
// already running throws InitError when we scan again (e.g. after a
// beforeend swap, whose target keeps its old content): that one is expected.
function onError(error) {
  if (error && error.name !== "InitError") {
    console.error(error);
  }
}

// Only the components the portal's pages use, so the bundle carries no code a phone never runs
// (initAll would also bring the accordion and tabs). A page that uses another component works
// without its JavaScript until it is added here (tests/web/test_static_files.py checks the list).
var COMPONENTS = [
  Button, CharacterCount, Checkboxes, ErrorSummary, ExitThisPage, FileUpload, NotificationBanner,
  PasswordInput, Radios, ServiceNavigation, SkipLink,
];

function start(scope) {
  // createAll only looks *inside* its scope. If the swapped element is itself a
  // component root (an outerHTML swap of a govuk-* block), scan its parent;
  // components there that already run are skipped through onError.
  if (scope !== document && scope.matches("[data-module]") && scope.parentElement) {
    scope = scope.parentElement;
  }
  if (!isSupported()) return;
  COMPONENTS.forEach(function (Component) {
    createAll(Component, undefined, { scope: scope, onError: onError });
  });

  // ErrorSummary focuses itself when it starts (unless
  // data-disable-auto-focus="true"). Only a summary without data-module
  // needs our help, so a screen reader hears the errors after an htmx swap.
  if (scope === document) return;
  var summary = scope.querySelector(".govuk-error-summary:not([data-module])");
  if (summary) {
    summary.setAttribute("tabindex", "-1");
    summary.focus();
  }
}

start(document);

document.addEventListener("htmx:afterSwap", function (event) {
  var elt = event.detail && event.detail.elt;
  if (elt instanceof Element && elt.isConnected) {
    start(elt);
  }
});

// GOV.UK Frontend sets aria-expanded on radios and checkboxes that reveal a
// follow-up question; ARIA 1.2 does not allow it on those roles (axe-core's
// aria-allowed-attr fails the page). The question appears right after the
// control, so the attribute is dropped whenever it is set.
new MutationObserver(function (mutations) {
  mutations.forEach(function (mutation) {
    var target = mutation.target;
    if (target.hasAttribute("aria-expanded") && target.matches("input[type=radio], input[type=checkbox]")) {
      target.removeAttribute("aria-expanded");
    }
  });
}).observe(document.body, { attributes: true, attributeFilter: ["aria-expanded"], subtree: true });
document.querySelectorAll("input[aria-expanded]").forEach(function (input) {
  if (input.matches("[type=radio], [type=checkbox]")) input.removeAttribute("aria-expanded");
});
