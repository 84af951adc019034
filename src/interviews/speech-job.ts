import { z } from "zod";
import type { JobModule } from "../jobs/job.ts";

/**
 * Recognition, speech metrics and scoring of one recorded answer, by the voice answers service in the job
 * context. Idempotent: an answer already scored is left alone.
 */
export const speechAnswerJob: JobModule<{ responseId: string }> = {
  queue: "speech-answer",
  options: {
    retryLimit: 2,
    retryDelaySeconds: 2,
    retryBackoff: true,
    expireInSeconds: 600,
    policy: "stately",
  },
  data: z.object({ responseId: z.uuid() }),
  async handle({ responseId }, context, attempt) {
    if (!context.speech) throw new Error("no speech pipeline in this process's job context");
    try {
      await context.speech.process(responseId);
    } catch (error) {
      // The last try gives up cleanly: the answer is marked failed, so it can be given again.
      if (attempt.retryCount < attempt.retryLimit) throw error;
      context.log.error({ err: error, responseId }, "a spoken answer could not be processed");
      await context.speech.giveUp(responseId, error);
    }
  },
};
