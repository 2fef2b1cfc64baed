"""Easy read and "Listen" in a real browser at 360 px: the pictures show, axe-core passes, and the
Listen button appears only where the phone has its own (local) voice for the page's language, and
reads the question in that language. Speech synthesis is replaced by a recording fake: headless
Chromium has no voices, and a test must not make a sound."""

from __future__ import annotations

import re

from browser_checks import SHOTS, assert_accessible, fits_the_phone

# A fake speechSynthesis with the voices given; what it is asked to say is kept in window.__spoken.
FAKE_SPEECH = """
(() => {
  const voices = %s;
  window.__spoken = [];
  const listeners = [];
  const fake = {
    getVoices: () => voices,
    speak: (utterance) => window.__spoken.push({text: utterance.text, lang: utterance.lang}),
    cancel: () => {},
    addEventListener: (name, fn) => listeners.push(fn),
  };
  Object.defineProperty(window, 'speechSynthesis', {value: fake, configurable: true});
  window.SpeechSynthesisUtterance = function (text) { this.text = text; this.lang = ''; this.voice = null; };
})();
"""


def _with_voices(page, voices: str) -> None:
    page.context.add_init_script(FAKE_SPEECH % voices)


def test_the_easy_read_page_at_phone_width(page):
    page.goto(f"{page.base}/easy-read?lang=ar")
    # Four pictures of what easy read is, then one for each journey it starts (issue 21).
    assert page.locator(".app-easy-read__picture").count() == 7
    for picture in page.locator(".app-easy-read__picture").all():
        assert picture.evaluate("img => img.complete && img.naturalWidth > 0"), "a picture did not load"
    assert page.locator(".app-listen").is_hidden()  # no voice on this phone
    fits_the_phone(page)
    assert_accessible(page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "easy-read-ar.png"), full_page=True)
    page.locator('button[name="kind"][value="wishes_and_feelings"]').click()
    page.wait_for_url(re.compile(r".*/tell-us/who$"))
    assert page.locator(".app-easy-read__row--step img").get_attribute("alt") == "رسمة لشخص."
    assert_accessible(page)


def test_listen_reads_the_question_with_a_local_voice_for_the_language(page):
    _with_voices(page, '[{"name": "Arabic", "lang": "ar-SA", "localService": true},'
                       ' {"name": "English", "lang": "en-GB", "localService": true}]')
    page.goto(f"{page.base}/?lang=ar")
    page.locator('button[name="kind"][value="wishes_and_feelings"]').click()
    page.wait_for_url(re.compile(r".*/tell-us/who$"))
    listen = page.locator(".app-listen")
    listen.wait_for(state="visible")
    assert_accessible(page)
    page.screenshot(path=str(SHOTS / "listen-ar.png"))
    listen.click()
    spoken = page.evaluate("window.__spoken")
    assert len(spoken) == 1 and spoken[0]["lang"] == "ar-SA"
    assert "من يخبرنا؟" in spoken[0]["text"], spoken  # the question, in Arabic, with its choices
    assert "أنا الشاب المعنيّ" in spoken[0]["text"]


def test_listen_stays_hidden_without_a_voice_for_the_language(page):
    # An English voice, and an Arabic one that would send the text over the network: neither will do.
    _with_voices(page, '[{"name": "English", "lang": "en-GB", "localService": true},'
                       ' {"name": "Online Arabic", "lang": "ar", "localService": false}]')
    page.goto(f"{page.base}/easy-read?lang=ar")
    assert page.locator(".app-listen").is_hidden()
    page.goto(f"{page.base}/easy-read?lang=en")
    page.locator(".app-listen").wait_for(state="visible")


def test_listen_is_hidden_without_javascript(page_without_js):
    page = page_without_js
    page.goto(f"{page.base}/easy-read")
    assert page.locator(".app-listen").is_hidden()
    assert page.locator(".app-easy-read__picture").count() == 7
