import { containsPhrase } from "../../text.ts";
import { RESOURCES, type Resource } from "./resources-data.ts";

/**
 * Resources for the weakest topics first. A topic matches a resource's topic key exactly or as a whole
 * word inside a longer phrase ("joins" does not match "sql", "sql joins" does). Each resource is picked once.
 */
export function pickResources(topics: string[], limit: number): Resource[] {
  const picked: Resource[] = [];
  const seen = new Set<string>();
  for (const raw of topics) {
    const topic = raw.toLowerCase().trim();
    if (!topic) continue;
    const match = RESOURCES.find((r) => !seen.has(r.id) && r.topics.some((t) => containsPhrase(topic, t)));
    if (!match) continue;
    seen.add(match.id);
    picked.push(match);
    if (picked.length >= limit) break;
  }
  return picked;
}
