/** Whether `phrase` stands in `text` as whole words ("sql" in "sql joins", not in "nosql"); lower case. */
export function containsPhrase(text: string, phrase: string): boolean {
  if (text === phrase) return true;
  const escaped = phrase.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(^|[^a-z0-9])${escaped}($|[^a-z0-9])`).test(text);
}
