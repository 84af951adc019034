import { ApiError, fromResponseBody } from "./errors.ts";
import { accessToken } from "./supabase.ts";

export interface UploadOptions {
  method?: "POST" | "PUT";
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
  contentType?: string;
}

/** Uploads with XMLHttpRequest, which (unlike fetch) reports upload progress. */
export async function uploadWithProgress<T>(
  path: string,
  body: FormData | Blob,
  options: UploadOptions = {},
): Promise<T> {
  const token = await accessToken();
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(options.method ?? "POST", path);
    xhr.setRequestHeader("accept", "application/json");
    if (token) xhr.setRequestHeader("authorization", `Bearer ${token}`);
    if (options.contentType) xhr.setRequestHeader("content-type", options.contentType);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) options.onProgress?.(event.loaded / event.total);
    };
    xhr.onload = () => {
      let parsed: unknown = null;
      try {
        parsed = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        parsed = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        options.onProgress?.(1);
        resolve(parsed as T);
      } else {
        reject(fromResponseBody(xhr.status, parsed));
      }
    };
    xhr.onerror = () =>
      reject(new ApiError(0, "network", "The upload was interrupted. Check your connection and try again."));
    xhr.onabort = () => reject(new DOMException("The upload was cancelled.", "AbortError"));
    options.signal?.addEventListener("abort", () => xhr.abort(), { once: true });
    xhr.send(body);
  });
}
