import { storageErrors } from "./errors.ts";

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we refuse
const CONTROL = /[\u0000-\u001F\u007F]/;

/**
 * Object names: NFC-normalized; no leading slash, no `.`/`..` or empty segments, no backslashes, no control
 * characters; at most 1024 bytes of UTF-8. Returns the normalized name or throws a 400.
 */
export function validateObjectName(raw: string): string {
  const name = raw.normalize("NFC");
  if (name.length === 0) throw storageErrors.invalidKey("the name is empty");
  if (Buffer.byteLength(name, "utf8") > 1024)
    throw storageErrors.invalidKey("the name is longer than 1024 bytes");
  if (CONTROL.test(name)) throw storageErrors.invalidKey("the name contains control characters");
  if (name.includes("\\")) throw storageErrors.invalidKey("the name contains a backslash");
  if (name.startsWith("/")) throw storageErrors.invalidKey("the name starts with a slash");
  for (const segment of name.split("/")) {
    if (segment === "" || segment === "." || segment === "..") {
      throw storageErrors.invalidKey("the name has an empty, '.' or '..' segment");
    }
  }
  return name;
}
