// Microphones: listing them, and turning getUserMedia's failures into instructions a person can follow.

export interface Microphone {
  deviceId: string;
  label: string;
}

export async function listMicrophones(): Promise<Microphone[]> {
  if (!navigator.mediaDevices?.enumerateDevices) return [];
  const devices = await navigator.mediaDevices.enumerateDevices();
  return devices
    .filter((d) => d.kind === "audioinput" && d.deviceId !== "")
    .map((d, i) => ({ deviceId: d.deviceId, label: d.label || `Microphone ${i + 1}` }));
}

export function canRecord(): boolean {
  return Boolean(navigator.mediaDevices?.getUserMedia) && typeof AudioWorkletNode !== "undefined";
}

/** Why the microphone cannot be used, and what to do about it. */
export function microphoneProblem(error: unknown): string {
  const name = (error as { name?: string } | null)?.name ?? "";
  if (!window.isSecureContext)
    return "Recording needs a secure connection. Open Rehearse over https (or on localhost), or type your answers instead.";
  switch (name) {
    case "NotAllowedError":
    case "PermissionDeniedError":
    case "SecurityError":
      return "Microphone access is blocked. Click the lock or microphone icon in the address bar, allow the microphone for this site, then press “Try again”. You can also type your answers instead.";
    case "NotFoundError":
    case "DevicesNotFoundError":
      return "No microphone was found. Plug one in (or turn it on), then press “Try again” — or type your answers instead.";
    case "NotReadableError":
    case "TrackStartError":
      return "Your microphone is busy or unavailable — another app (a video call?) may be using it. Close that app, then press “Try again”.";
    case "OverconstrainedError":
      return "The chosen microphone is no longer available. Pick another one from the list.";
    case "AbortError":
      return "The microphone stopped unexpectedly. Press “Try again”.";
    default:
      return "The microphone could not be started. Check it is connected and allowed for this site, then press “Try again”, or type your answers instead.";
  }
}
