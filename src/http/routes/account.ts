import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { deleteAccount, exportAccount } from "../../accounts/account.ts";
import { replacePicture } from "../../accounts/picture.ts";
import { getProfile, updateProfile } from "../../accounts/profile.ts";
import { profilePatchSchema, profileSchema } from "../../accounts/profile-schema.ts";
import type { Pool } from "../../db/pool.ts";
import type { ObjectStore } from "../../storage/objects.ts";
import { requireUser } from "../plugins/caller.ts";
import { acceptUploads, uploadSource } from "../plugins/uploads.ts";
import { errorSchema } from "../schemas.ts";

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema };

export const accountRoutes: FastifyPluginAsyncZod<{
  pool: Pool;
  store: ObjectStore;
  siteUrl: string;
}> = async (app, { pool, store, siteUrl }) => {
  app.get(
    "/api/profile",
    { schema: { summary: "Your profile", tags: ["account"], response: { 200: profileSchema, ...errors } } },
    async (request) => getProfile(pool, requireUser(request).claims),
  );

  app.patch(
    "/api/profile",
    {
      schema: {
        summary: "Edit your profile (only the fields sent change; null clears a field)",
        tags: ["account"],
        body: profilePatchSchema,
        response: { 200: profileSchema, ...errors },
      },
    },
    async (request) => updateProfile(pool, requireUser(request).claims, request.body),
  );

  // Its own context: the picture's body streams through instead of being parsed.
  await app.register(async (uploads) => {
    await acceptUploads(uploads);
    uploads.put(
      "/api/profile/picture",
      {
        schema: {
          summary: "Replace your profile picture (jpeg, png or webp, at most 5 MB; raw body or multipart)",
          tags: ["account"],
          response: { 200: profileSchema },
        },
      },
      async (request) => {
        const caller = requireUser(request);
        const source = await uploadSource(request);
        return replacePicture(pool, store, caller, source, siteUrl);
      },
    );
  });

  app.delete(
    "/api/account",
    {
      schema: {
        summary: "Delete your account and everything stored about you (password required)",
        tags: ["account"],
        body: z.strictObject({ password: z.string().min(1).max(256) }),
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await deleteAccount(pool, requireUser(request), request.body.password, async (objects) => {
        for (const o of objects) {
          if (o.version) await store.removeBytes({ bucket: o.bucket_id, name: o.name, version: o.version });
        }
      });
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/api/account/export",
    {
      schema: {
        summary: "Download everything stored about you, as JSON",
        tags: ["account"],
        response: {
          200: z.looseObject({ format: z.string(), exported_at: z.string(), account: z.looseObject({}) }),
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const document = await exportAccount(pool, requireUser(request));
      const day = new Date().toISOString().slice(0, 10);
      reply.header("content-disposition", `attachment; filename="rehearse-export-${day}.json"`);
      return document;
    },
  );
};
