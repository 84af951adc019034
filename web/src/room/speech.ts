// Reading questions aloud with the browser's speech synthesis (captions are always shown as well).

export function canSpeak(): boolean {
  return typeof window !== "undefined" && "speechSynthesis" in window;
}

function voice(): SpeechSynthesisVoice | undefined {
  const voices = window.speechSynthesis.getVoices();
  const lang = navigator.language || "en-US";
  return (
    voices.find((v) => v.lang === lang && v.localService) ??
    voices.find((v) => v.lang.startsWith("en") && v.localService) ??
    voices.find((v) => v.lang.startsWith("en"))
  );
}

/** Speaks the text; `onDone` runs when it finished, was cancelled, or cannot be spoken at all. */
export function speak(text: string, onDone: () => void): () => void {
  if (!canSpeak()) {
    onDone();
    return () => {};
  }
  const synth = window.speechSynthesis;
  synth.cancel();
  const utterance = new SpeechSynthesisUtterance(text);
  const chosen = voice();
  if (chosen) utterance.voice = chosen;
  utterance.rate = 1;
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    onDone();
  };
  utterance.onend = finish;
  utterance.onerror = finish;
  // Some engines never fire onend (no voices installed): do not let the countdown wait forever.
  const guard = window.setTimeout(finish, Math.max(4000, text.length * 90));
  synth.speak(utterance);
  return () => {
    window.clearTimeout(guard);
    synth.cancel();
    finish();
  };
}

export function stopSpeaking(): void {
  if (canSpeak()) window.speechSynthesis.cancel();
}
