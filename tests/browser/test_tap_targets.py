"""Every control on the public pages is at least 44 by 44 CSS pixels at 360 px, left to right and right
to left (WCAG 2.2 2.5.5 Target Size (Enhanced); young people tap these on small, cheap phones).

What is measured: the bounding box of every link, button, input, select, textarea and summary that is
rendered (``display: none`` ones, such as a closed conditional question or the honeypot, have no box).
The skip link is measured while it has focus, the only time it is shown.

The one exception, as WCAG 2.5.8 allows ("the target is in a sentence or its size is otherwise
constrained by the line-height of non-target text"): a link inside a paragraph or list item of running
text, i.e. one whose paragraph or list item holds text of its own besides the link ("call us on
0300 123 4560 or email …"). A link that is the whole paragraph or list item is a control of its own
(a footer link, an error summary link, "Check on something you already sent") and must be 44 by 44.
"""

from __future__ import annotations

import pytest
from journey_steps import at

MINIMUM = 44

# Returns [{what, width, height}] for every measured target smaller than MINIMUM in either direction.
_MEASURE = """
(minimum) => {
  const small = [];
  const inRunningText = (el) => {
    if (el.tagName !== 'A') return false;
    const block = el.closest('p, li');
    if (!block) return false;
    const own = block.textContent.replace(el.textContent, '').trim();
    return own.length > 0;
  };
  const describe = (el) => {
    const text = (el.innerText || el.value || el.getAttribute('aria-label') || el.name || '').trim();
    return `${el.tagName.toLowerCase()}${el.className ? '.' + String(el.className).split(/\\s+/).join('.') : ''}`
      + ` "${text.slice(0, 40)}"`;
  };
  const measure = (el) => {
    const box = el.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) return;  // not rendered
    if (inRunningText(el)) return;
    if (box.width < minimum - 0.5 || box.height < minimum - 0.5) {
      small.push({what: describe(el), width: Math.round(box.width * 10) / 10,
                  height: Math.round(box.height * 10) / 10});
    }
  };
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button]';
  for (const el of document.querySelectorAll(selector)) {
    if (el.classList.contains('govuk-skip-link')) continue;
    measure(el);
  }
  const skip = document.querySelector('.govuk-skip-link');
  if (skip) { skip.focus(); measure(skip); skip.blur(); }
  return small;
}
"""

STATIC_PAGES = ["/", "/using-this-site-safely", "/accessibility", "/privacy", "/interpreters", "/check",
                "/check/lost-code"]


def _continue(page) -> None:
    """The form's own button, whatever the language ("Continue" or "متابعة")."""
    page.locator("main form:not(.app-timeout-dialog__form) button.govuk-button").last.click()
    page.wait_for_load_state()


def _small_targets(page) -> list[dict]:
    return page.evaluate(_MEASURE, MINIMUM)


def _check(page, failures: dict, name: str) -> None:
    small = _small_targets(page)
    if small:
        failures[name] = small


def _report(failures: dict) -> str:
    lines = []
    for name, small in failures.items():
        lines.append(name)
        lines += [f"  {item['width']} x {item['height']}  {item['what']}" for item in small]
    return "targets smaller than 44 x 44 CSS px:\n" + "\n".join(lines)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_every_public_control_is_at_least_44_by_44(page, lang):
    failures: dict = {}
    for path in STATIC_PAGES:
        page.goto(f"{page.base}{path}?lang={lang}")
        _check(page, failures, path)
    page.goto(f"{page.base}/tell-us/start?lang={lang}")
    _check(page, failures, "/tell-us/start")
    page.locator("button.govuk-button").first.click()  # an error summary and an error message
    page.locator(".govuk-error-summary").wait_for()
    _check(page, failures, "/tell-us/start (error)")
    page.locator("input[name=kind][value=complaint]").check()
    _continue(page)
    at(page, "/tell-us/who")
    page.locator("input[name=who_is_telling][value=young_person]").check()
    _continue(page)
    for slug, fill in [
        ("name", lambda: page.locator("input[name=young_person_name]").fill("Selam")),
        ("age", lambda: page.locator("input[name=age]").fill("15")),
        ("where", lambda: page.locator("input[name=where_they_live]").first.check()),
        ("details", lambda: page.locator("textarea").fill("Nobody told me why.")),
        ("hopes", lambda: None),
        ("advocate", lambda: page.locator("input[name=advocate]").first.check()),
        ("contact", lambda: page.locator("input[name=contact_method][value=none]").check()),
        ("interpreter", lambda: page.locator("input[name=interpreter_needed]").last.check()),
        ("about-you", lambda: None),
    ]:
        at(page, f"/tell-us/{slug}")
        _check(page, failures, f"/tell-us/{slug}")
        fill()
        _continue(page)
    at(page, "/tell-us/check")
    _check(page, failures, "/tell-us/check")
    page.locator("main form:not(.app-timeout-dialog__form) button.govuk-button").last.click()
    at(page, "/tell-us/thank-you")
    _check(page, failures, "/tell-us/thank-you")
    # Checking on it: the status page and the pages it links to.
    reference = page.locator(".app-reference").inner_text().strip()
    code = "-".join(group.inner_text() for group in page.locator(".app-tracking-code__group").all())
    page.goto(f"{page.base}/check")
    page.locator("input[name=reference]").fill(reference)
    page.locator("input[name=code]").fill(code)
    _continue(page)
    at(page, "/check/status")
    _check(page, failures, "/check/status")
    for path in ["/check/add", "/check/look-again", "/check/withdraw"]:
        page.goto(f"{page.base}{path}")
        _check(page, failures, path)
    assert not failures, _report(failures)
