// "Listen" buttons: read a question aloud with the phone's own speech
// synthesis, in the page's language, only with a voice that is on the phone
// (localService: no text leaves the phone). A button stays hidden (the
// `hidden` attribute, so it is hidden with JavaScript off too) when the phone
// has no such voice, or no speech synthesis at all.
//
// <button type="button" class="govuk-button govuk-button--secondary app-listen"
//   data-listen="question-id" hidden>Listen</button>
// reads the text of the element with id="question-id".

var synth = typeof window !== "undefined" ? window.speechSynthesis : undefined;

function pageLanguage() {
  return (document.documentElement.lang || "en").toLowerCase();
}

// The best local voice for a BCP 47 tag: the exact tag (fa-af), else any
// voice of the same language (fa), never another language.
export function chooseVoice(voices, tag) {
  var wanted = tag.toLowerCase();
  var primary = wanted.split("-")[0];
  var local = voices.filter(function (voice) { return voice.localService; });
  var exact = local.find(function (voice) { return voice.lang.toLowerCase().replace("_", "-") === wanted; });
  if (exact) return exact;
  return local.find(function (voice) {
    return voice.lang.toLowerCase().replace("_", "-").split("-")[0] === primary;
  }) || null;
}

function voice() {
  return synth ? chooseVoice(synth.getVoices(), pageLanguage()) : null;
}

function showButtons(scope) {
  var found = voice();
  (scope || document).querySelectorAll("[data-listen]").forEach(function (button) {
    button.hidden = !found;
  });
}

function speak(button) {
  var target = document.getElementById(button.getAttribute("data-listen"));
  var found = voice();
  if (!target || !found) return;
  synth.cancel();
  var utterance = new SpeechSynthesisUtterance(target.innerText.trim());
  utterance.voice = found;
  utterance.lang = found.lang;
  synth.speak(utterance);
}

if (synth) {
  showButtons(document);
  // Voices often load after the page: look again when they do.
  synth.addEventListener("voiceschanged", function () { showButtons(document); });
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-listen]");
    if (button) {
      event.preventDefault();
      speak(button);
    }
  });
  // htmx swaps in new questions: their buttons too.
  document.addEventListener("htmx:afterSwap", function (event) { showButtons(event.target); });
  // Stop reading when the person leaves the page.
  window.addEventListener("pagehide", function () { synth.cancel(); });
}
