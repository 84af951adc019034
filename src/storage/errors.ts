/** A Supabase Storage error: the HTTP status, the `error` name supabase-js shows, and a message. */
export class StorageError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    message: string,
  ) {
    super(message);
    this.name = "StorageError";
  }
}

export const storageErrors = {
  invalidKey: (why: string) => new StorageError(400, "InvalidKey", `Invalid object name: ${why}`),
  bucketNotFound: () => new StorageError(404, "Bucket not found", "Bucket not found"),
  notFound: () => new StorageError(404, "not_found", "Object not found"),
  duplicate: () => new StorageError(409, "Duplicate", "The resource already exists"),
  tooLarge: (limit: number) =>
    new StorageError(
      413,
      "Payload too large",
      `The object exceeded the maximum allowed size of ${limit} bytes`,
    ),
  invalidMimeType: (message: string) => new StorageError(415, "invalid_mime_type", message),
  empty: () => new StorageError(400, "empty_object", "The file is empty"),
  forbidden: () => new StorageError(403, "Unauthorized", "new row violates row-level security policy"),
  invalidSignature: (why: string) => new StorageError(400, "InvalidSignature", why),
  aborted: () => new StorageError(400, "upload_aborted", "The upload was interrupted before it finished"),
  badRange: () => new StorageError(416, "InvalidRange", "The requested range cannot be satisfied"),
};
