import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";

/** What a browser needs to talk to this server with supabase-js: its URL and the anon key. */
export const publicConfigRoutes: FastifyPluginAsyncZod<{ url: string; anonKey: string }> = async (
  app,
  options,
) => {
  app.get(
    "/api/config",
    {
      schema: {
        summary: "Public client configuration (the anon key is public by design)",
        tags: ["system"],
        response: { 200: z.object({ supabaseUrl: z.string(), anonKey: z.string() }) },
      },
    },
    async () => ({ supabaseUrl: options.url, anonKey: options.anonKey }),
  );
};
