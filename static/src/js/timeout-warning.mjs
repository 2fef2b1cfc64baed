// The time-out warning on the journey's pages (WCAG 2.2.1 Timing Adjustable).
//
// Saved answers are deleted after a time without any request (data-timeout-seconds). Some minutes
// before that (data-warn-seconds) this opens the page's <dialog id="timeout-warning"> as a modal:
// focus moves into it, the rest of the page is inert, Escape closes it. "Keep my answers" posts the
// dialog's own form (CSRF token included) with fetch; the server starts the time limit again and
// answers 200. Every request the page makes (a Continue through htmx, say) starts it again too, so
// the timer is re-armed after each one. Without JavaScript the dialog never opens, and the server
// keeps what a late Continue posts instead.

var timer = null;
var returnFocus = null;

function dialog() {
  return document.getElementById("timeout-warning");
}

function arm() {
  if (timer) {
    clearTimeout(timer);
    timer = null;
  }
  var element = dialog();
  if (!element || typeof element.showModal !== "function") return;
  var timeout = Number(element.getAttribute("data-timeout-seconds"));
  var warn = Number(element.getAttribute("data-warn-seconds"));
  if (!(timeout > 0) || !(warn >= 0)) return;
  timer = setTimeout(open, Math.max(timeout - warn, 0) * 1000);
}

function open() {
  var element = dialog();
  if (!element || element.open) return;
  returnFocus = document.activeElement;
  element.showModal();
  var keep = element.querySelector(".app-timeout-dialog__keep");
  if (keep) keep.focus();
}

function close() {
  var element = dialog();
  if (element && element.open) element.close();
  if (returnFocus && returnFocus.isConnected && typeof returnFocus.focus === "function") {
    returnFocus.focus();
  }
  returnFocus = null;
}

function keep(event) {
  var form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.closest("#timeout-warning")) return;
  event.preventDefault();
  fetch(form.action, {
    method: "POST",
    body: new FormData(form),
    headers: { Accept: "application/json" },
    credentials: "same-origin",
  }).then(function () {
    // 200: kept. 410: already deleted; a Continue from this page will still keep what it carries.
    close();
    arm();
  }, function () {
    close();
    arm();
  });
}

document.addEventListener("submit", keep);
// An htmx swap (the next question, or errors) or any request it made restarts the time limit.
document.addEventListener("htmx:afterSettle", arm);
document.addEventListener("htmx:afterRequest", arm);
// Escape closes the dialog without keeping anything; the timer still runs from the last request.
document.addEventListener("close", function (event) {
  if (event.target === dialog()) returnFocus = null;
}, true);

arm();
