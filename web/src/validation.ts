/** A Mantine form rule: something shaped like an e-mail address, or `message`. */
export function emailRule(message: string) {
  return (value: string) => (/^\S+@\S+\.\S+$/.test(value.trim()) ? null : message);
}
