/** JSON stored as text, identical on both databases. */
export function toJsonText(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

export function fromJsonText<T = unknown>(text: string | null): T | null {
  return text === null ? null : (JSON.parse(text) as T);
}
