import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { DevMailbox } from "../../auth/mailer.ts";
import { escapeHtml } from "../../system/html.ts";

/** The development mailbox: mails that would have been sent, newest first. Never registered in production. */
export const devMailboxRoutes: FastifyPluginAsyncZod<{ mailbox: DevMailbox }> = async (app, { mailbox }) => {
  app.get(
    "/dev/mailbox",
    {
      schema: {
        summary: "Development mailbox (not in production): HTML, or JSON with ?format=json",
        tags: ["development"],
        querystring: z.object({
          email: z.string().max(255).optional(),
          format: z.enum(["html", "json"]).default("html"),
        }),
      },
    },
    async (request, reply) => {
      const mails = mailbox.list(request.query.email);
      if (request.query.format === "json") return { mails };
      const items = mails
        .map(
          (m) =>
            `<article><h2>${escapeHtml(m.subject)}</h2><p><small>to ${escapeHtml(m.to)} · ${m.sentAt}</small></p><pre>${escapeHtml(m.text)}</pre></article>`,
        )
        .join("");
      return reply
        .type("text/html; charset=utf-8")
        .send(
          `<!doctype html><meta charset="utf-8"><title>Rehearse mailbox</title><h1>Development mailbox</h1>${items || "<p>No mail yet.</p>"}`,
        );
    },
  );
};
