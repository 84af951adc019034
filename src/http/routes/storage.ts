import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import rangeParser from "range-parser";
import { z } from "zod";
import { AuthError } from "../../auth/errors.ts";
import { StorageError, storageErrors } from "../../storage/errors.ts";
import type { ObjectStore } from "../../storage/objects.ts";
import type { ObjectRow } from "../../storage/queries.ts";
import type { UrlSigner } from "../../storage/signing.ts";
import { toAppError } from "../plugins/errors.ts";
import { acceptUploads, header, uploadSource } from "../plugins/uploads.ts";

// Supabase Storage's wire format under /storage/v1, so supabase-js's storage client works unchanged.
// Errors are {statusCode, error, message} with the real HTTP status.

interface StorageRoutesOptions {
  store: ObjectStore;
  signer: UrlSigner;
}

const objectParams = z.object({ bucket: z.string().min(1).max(100), "*": z.string().max(4096) });
const bucketParams = z.object({ bucket: z.string().min(1).max(100) });

function sendStorageError(reply: FastifyReply, error: unknown) {
  if (error instanceof StorageError) {
    return reply
      .code(error.status)
      .send({ statusCode: String(error.status), error: error.error, message: error.message });
  }
  if (error instanceof AuthError) {
    return reply
      .code(error.status)
      .send({ statusCode: String(error.status), error: "Unauthorized", message: error.message });
  }
  const app = toAppError(error);
  return reply
    .code(app.status)
    .send({ statusCode: String(app.status), error: app.code, message: app.message });
}

async function sendObject(
  request: FastifyRequest,
  reply: FastifyReply,
  store: ObjectStore,
  row: ObjectRow,
  download?: string,
) {
  const size = row.metadata.size;
  reply
    .header("content-type", row.metadata.mimetype)
    .header("etag", row.metadata.eTag)
    .header("last-modified", row.metadata.lastModified)
    .header("cache-control", row.metadata.cacheControl)
    .header("accept-ranges", "bytes")
    // Files are fetched by <audio> and <img> from other origins too (signed and public URLs).
    .header("cross-origin-resource-policy", "cross-origin");
  if (download !== undefined) {
    const filename = download || row.name.split("/").pop() || "download";
    reply.header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`);
  }
  if (header(request, "if-none-match") === row.metadata.eTag) return reply.code(304).send();
  const rangeHeader = header(request, "range");
  if (rangeHeader) {
    const ranges = rangeParser(size, rangeHeader, { combine: true });
    if (ranges === -1) {
      reply.header("content-range", `bytes */${size}`);
      throw storageErrors.badRange();
    }
    if (Array.isArray(ranges) && ranges.type === "bytes" && ranges.length === 1 && ranges[0]) {
      const { start, end } = ranges[0];
      reply
        .code(206)
        .header("content-range", `bytes ${start}-${end}/${size}`)
        .header("content-length", end - start + 1);
      if (request.method === "HEAD") return reply.send();
      return reply.send(store.read(row, { start, end }));
    }
  }
  reply.header("content-length", size);
  if (request.method === "HEAD") return reply.send();
  return reply.send(store.read(row));
}

export const storageRoutes: FastifyPluginAsyncZod<StorageRoutesOptions> = async (app, { store, signer }) => {
  await acceptUploads(app);
  app.setErrorHandler((error, request, reply) => {
    const status =
      error instanceof StorageError || error instanceof AuthError ? error.status : toAppError(error).status;
    if (status >= 500) request.log.error({ err: error }, "storage request failed");
    // Refused before the body was read to the end (too large, wrong type): close the connection rather than
    // read the rest, so the client is not left pushing bytes into a socket nobody drains.
    if (!request.raw.complete) reply.header("connection", "close");
    return sendStorageError(reply, error);
  });

  const uploadRoute =
    (upsertAlways: boolean) => async (request: FastifyRequest<{ Params: z.infer<typeof objectParams> }>) => {
      const source = await uploadSource(request);
      return store.upload(request.caller, {
        ...source,
        bucketId: request.params.bucket,
        name: request.params["*"],
        upsert: upsertAlways || header(request, "x-upsert") === "true",
      });
    };

  app.post(
    "/object/:bucket/*",
    { schema: { summary: "Upload an object", tags: ["storage"], params: objectParams } },
    uploadRoute(false),
  );
  app.put(
    "/object/:bucket/*",
    { schema: { summary: "Upload or replace an object", tags: ["storage"], params: objectParams } },
    uploadRoute(true),
  );

  const downloadQuery = z.object({ download: z.string().max(255).optional() });
  for (const path of ["/object/:bucket/*", "/object/authenticated/:bucket/*"]) {
    app.route({
      method: ["GET", "HEAD"],
      url: path,
      schema: {
        summary: "Download an object (as the caller)",
        tags: ["storage"],
        params: objectParams,
        querystring: downloadQuery,
      },
      handler: async (request, reply) => {
        const row = await store.find(request.caller, request.params.bucket, request.params["*"]);
        return sendObject(request, reply, store, row, request.query.download);
      },
    });
  }

  app.route({
    method: ["GET", "HEAD"],
    url: "/object/public/:bucket/*",
    schema: {
      summary: "Download an object of a public bucket",
      tags: ["storage"],
      params: objectParams,
      querystring: downloadQuery,
    },
    handler: async (request, reply) => {
      const bucket = await store.bucket(request.caller, request.params.bucket);
      if (!bucket.public) throw storageErrors.bucketNotFound();
      const row = await store.findAsService(bucket.id, request.params["*"]);
      return sendObject(request, reply, store, row, request.query.download);
    },
  });

  app.get(
    "/object/info/:bucket/*",
    { schema: { summary: "An object's details", tags: ["storage"], params: objectParams } },
    async (request) => {
      const row = await store.find(request.caller, request.params.bucket, request.params["*"]);
      return {
        id: row.id,
        name: row.name,
        bucket_id: row.bucket_id,
        version: row.version,
        size: row.metadata.size,
        content_type: row.metadata.mimetype,
        cache_control: row.metadata.cacheControl,
        etag: row.metadata.eTag,
        metadata: row.user_metadata ?? {},
        last_modified: new Date(row.metadata.lastModified).toISOString(),
        created_at: row.created_at,
      };
    },
  );

  app.delete(
    "/object/:bucket",
    {
      schema: {
        summary: "Delete objects by name",
        tags: ["storage"],
        params: bucketParams,
        body: z.object({ prefixes: z.array(z.string().max(4096)).min(1).max(1000) }),
      },
    },
    async (request) => {
      const removed = await store.remove(request.caller, request.params.bucket, request.body.prefixes);
      return removed.map((row) => ({ ...row, metadata: row.metadata }));
    },
  );

  app.post(
    "/object/list/:bucket",
    {
      schema: {
        summary: "List one level of a bucket",
        tags: ["storage"],
        params: bucketParams,
        body: z.object({
          prefix: z.string().max(1024).default(""),
          limit: z.number().int().min(1).max(1000).default(100),
          offset: z.number().int().min(0).default(0),
          search: z.string().max(255).default(""),
          sortBy: z
            .object({
              column: z.enum(["name", "updated_at", "created_at", "last_accessed_at"]).default("name"),
              order: z.enum(["asc", "desc"]).default("asc"),
            })
            .default({ column: "name", order: "asc" }),
        }),
      },
    },
    async (request) => {
      const { prefix, limit, offset, search, sortBy } = request.body;
      return store.list(request.caller, request.params.bucket, {
        prefix,
        limit,
        offset,
        search,
        column: sortBy.column,
        order: sortBy.order,
      });
    },
  );

  const expiresIn = z
    .number()
    .int()
    .min(1)
    .max(365 * 24 * 3600);

  app.post(
    "/object/sign/:bucket/*",
    {
      schema: {
        summary: "Create a signed URL for one object",
        tags: ["storage"],
        params: objectParams,
        body: z.object({ expiresIn }),
      },
    },
    async (request) => {
      const row = await store.find(request.caller, request.params.bucket, request.params["*"]);
      const token = await signer.sign(row.bucket_id, row.name, request.body.expiresIn);
      return { signedURL: `/object/sign/${encodeURI(`${row.bucket_id}/${row.name}`)}?token=${token}` };
    },
  );

  app.post(
    "/object/sign/:bucket",
    {
      schema: {
        summary: "Create signed URLs for several objects",
        tags: ["storage"],
        params: bucketParams,
        body: z.object({ expiresIn, paths: z.array(z.string().max(4096)).min(1).max(1000) }),
      },
    },
    async (request) =>
      Promise.all(
        request.body.paths.map(async (path) => {
          try {
            const row = await store.find(request.caller, request.params.bucket, path);
            const token = await signer.sign(row.bucket_id, row.name, request.body.expiresIn);
            return {
              path,
              error: null,
              signedURL: `/object/sign/${encodeURI(`${row.bucket_id}/${row.name}`)}?token=${token}`,
            };
          } catch (error) {
            return { path, error: error instanceof StorageError ? error.message : "Error", signedURL: null };
          }
        }),
      ),
  );

  app.route({
    method: ["GET", "HEAD"],
    url: "/object/sign/:bucket/*",
    schema: {
      summary: "Download through a signed URL",
      tags: ["storage"],
      params: objectParams,
      querystring: z.object({ token: z.string().max(4096), download: z.string().max(255).optional() }),
    },
    handler: async (request, reply) => {
      await signer.verify(request.query.token, request.params.bucket, request.params["*"].normalize("NFC"));
      const row = await store.findAsService(request.params.bucket, request.params["*"]);
      return sendObject(request, reply, store, row, request.query.download);
    },
  });

  const transfer = z.object({
    bucketId: z.string().min(1).max(100),
    sourceKey: z.string().max(4096),
    destinationKey: z.string().max(4096),
    destinationBucket: z.string().min(1).max(100).optional(),
  });

  app.post(
    "/object/move",
    { schema: { summary: "Move (rename) an object", tags: ["storage"], body: transfer } },
    async (request) => {
      const { bucketId, sourceKey, destinationKey, destinationBucket } = request.body;
      await store.move(
        request.caller,
        { bucket: bucketId, name: sourceKey },
        { bucket: destinationBucket ?? bucketId, name: destinationKey },
      );
      return { message: "Successfully moved" };
    },
  );

  app.post(
    "/object/copy",
    { schema: { summary: "Copy an object", tags: ["storage"], body: transfer } },
    async (request) => {
      const { bucketId, sourceKey, destinationKey, destinationBucket } = request.body;
      return store.copy(
        request.caller,
        { bucket: bucketId, name: sourceKey },
        { bucket: destinationBucket ?? bucketId, name: destinationKey },
      );
    },
  );

  app.get("/bucket", { schema: { summary: "List buckets", tags: ["storage"] } }, async (request) =>
    store.buckets(request.caller),
  );
  app.get(
    "/bucket/:bucket",
    { schema: { summary: "One bucket", tags: ["storage"], params: bucketParams } },
    async (request) => store.bucket(request.caller, request.params.bucket),
  );
};
