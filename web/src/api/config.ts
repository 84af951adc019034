export interface PublicConfig {
  supabaseUrl: string;
  anonKey: string;
}

let loading: Promise<PublicConfig> | undefined;

/** The server's public client configuration (its URL and the anon key), fetched once. */
export function publicConfig(): Promise<PublicConfig> {
  loading ??= fetch("/api/config", { headers: { accept: "application/json" } }).then(async (response) => {
    if (!response.ok)
      throw new Error(`The server's configuration could not be loaded (HTTP ${response.status}).`);
    return (await response.json()) as PublicConfig;
  });
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}

/** A URL the server built from its SITE_URL, made relative when it points at this server. */
export function sameOriginUrl(url: string | null | undefined, config?: PublicConfig): string | undefined {
  if (!url) return undefined;
  const base = config?.supabaseUrl;
  if (base && url.startsWith(`${base}/`)) return url.slice(base.length);
  try {
    const parsed = new URL(url, window.location.origin);
    if (parsed.pathname.startsWith("/storage/v1/object/public/")) return parsed.pathname + parsed.search;
    return parsed.toString();
  } catch {
    return undefined;
  }
}
