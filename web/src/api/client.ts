import { ApiError, fromResponseBody } from "./errors.ts";
import { accessToken, refreshedToken } from "./supabase.ts";

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** A JSON body (objects and arrays), or a Blob/FormData sent as is. */
  body?: unknown;
  query?: Query;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

/** Builds a path with a query string, leaving out empty values. */
export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/**
 * Calls the API with the signed-in user's bearer token. A 401 refreshes the session once and retries;
 * every failure becomes an ApiError whose message can be shown as it is.
 */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  return read<T>(await sendSignedIn(path, options));
}

/** A request with the session's token; an expired one is refreshed once and the request sent again. */
async function sendSignedIn(path: string, options: RequestOptions): Promise<Response> {
  const token = await accessToken();
  const response = await send(path, options, token);
  if (response.status !== 401 || !token) return response;
  const fresh = await refreshedToken();
  return fresh ? send(path, options, fresh) : response;
}

async function send(path: string, options: RequestOptions, token: string | undefined): Promise<Response> {
  const headers: Record<string, string> = { accept: "application/json", ...options.headers };
  if (token) headers.authorization = `Bearer ${token}`;
  let body: BodyInit | undefined;
  if (options.body instanceof Blob || options.body instanceof FormData) {
    body = options.body;
  } else if (options.body !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(options.body);
  }
  try {
    return await fetch(withQuery(path, options.query), {
      method: options.method ?? "GET",
      headers,
      body,
      signal: options.signal,
    });
  } catch (error) {
    if ((error as Error)?.name === "AbortError") throw error;
    throw new ApiError(0, "network", "We can't reach the server. Check your connection and try again.");
  }
}

/** A file from the API (signed in), saved by the browser under `fileName`. */
export async function download(path: string, fileName: string): Promise<void> {
  const response = await sendSignedIn(path, { headers: { accept: "*/*" } });
  if (!response.ok) await read(response);
  const url = URL.createObjectURL(await response.blob());
  const link = Object.assign(document.createElement("a"), { href: url, download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

async function read<T>(response: Response): Promise<T> {
  if (response.status === 204) return undefined as T;
  const type = response.headers.get("content-type") ?? "";
  const body: unknown = type.includes("json")
    ? await response.json().catch(() => null)
    : await response.text();
  if (!response.ok) throw fromResponseBody(response.status, body);
  return body as T;
}
