/** COUNT(*) comes back as a number from SQLite and as a string (int8) from PostgreSQL. */
export function toCount(value: string | number | bigint | null | undefined): number {
  return value === null || value === undefined ? 0 : Number(value);
}
