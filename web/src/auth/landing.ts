// What an e-mailed link brought back in the URL fragment (#access_token=…&type=signup, or #error=…),
// read once at start-up, before supabase-js consumes and clears it.

export interface AuthLanding {
  type: string | undefined;
  errorCode: string | undefined;
  errorDescription: string | undefined;
  hasSession: boolean;
}

function read(): AuthLanding | undefined {
  const hash = window.location.hash.replace(/^#/, "");
  if (!hash.includes("=")) return undefined;
  const params = new URLSearchParams(hash);
  const hasSession = params.has("access_token");
  const errorCode = params.get("error_code") ?? params.get("error") ?? undefined;
  if (!hasSession && !errorCode) return undefined;
  return {
    type: params.get("type") ?? undefined,
    errorCode,
    errorDescription: params.get("error_description") ?? undefined,
    hasSession,
  };
}

let landing = read();

/** The link's outcome, handed out once (a second call returns undefined). */
export function takeAuthLanding(): AuthLanding | undefined {
  const taken = landing;
  landing = undefined;
  return taken;
}

export function peekAuthLanding(): AuthLanding | undefined {
  return landing;
}
