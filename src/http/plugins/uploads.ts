import { PassThrough, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import multipart from "@fastify/multipart";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { storageErrors } from "../../storage/errors.ts";

/** Lets upload bodies stream straight through to the object store, whose bucket limits apply instead. */
export async function acceptUploads(app: FastifyInstance): Promise<void> {
  app.addContentTypeParser("*", (_request, payload, done) => done(null, payload));
  await app.register(multipart, { limits: { fileSize: Number.MAX_SAFE_INTEGER, files: 1, fields: 10 } });
}

export interface UploadSource {
  body: Readable;
  contentType: string | undefined;
  cacheControl: string | undefined;
  /** The file name the client gave (multipart filename or an x-file-name header), if any. */
  fileName: string | undefined;
  /** Text fields of a multipart form sent before the file. */
  fields: Record<string, string>;
}

/** One request header as a string (the first, if repeated). */
export function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The uploaded bytes and their declared type, from a raw body or the file part of a multipart form. */
export async function uploadSource(request: FastifyRequest): Promise<UploadSource> {
  const cacheHeader = header(request, "cache-control");
  if (!request.isMultipart()) {
    const name = header(request, "x-file-name");
    return {
      body: request.body as Readable,
      contentType: header(request, "content-type"),
      cacheControl: cacheHeader,
      fileName: name ? safeDecode(name) : undefined,
      fields: {},
    };
  }
  // The first file part, with the fields sent before it (supabase-js sends cacheControl first). Not a
  // for-await over all parts: after a truncated form the iterator would never settle.
  const file = await request.file();
  if (!file) throw storageErrors.empty();
  const cacheField = file.fields.cacheControl;
  const cacheValue =
    cacheField && !Array.isArray(cacheField) && cacheField.type === "field" ? cacheField.value : undefined;
  // Attach at once: a truncated form errors the part while the upload is still being authorized, and
  // an error nobody listens to would leave the upload waiting forever.
  const body = new PassThrough();
  pipeline(file.file, body).catch(() => {});
  return {
    body,
    contentType: file.mimetype,
    cacheControl: typeof cacheValue === "string" ? `max-age=${cacheValue}` : cacheHeader,
    fileName: file.filename,
    fields: Object.fromEntries(
      Object.entries(file.fields).flatMap(([key, field]) =>
        field && !Array.isArray(field) && field.type === "field" && typeof field.value === "string"
          ? [[key, field.value]]
          : [],
      ),
    ),
  };
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
