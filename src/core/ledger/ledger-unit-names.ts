/**
 * Organisational units as ledgers write them: "县发展和改革局", "XX县发改局", "发改局",
 * "经济区管委会" for "XX港经济区管委会". A name matches a unit's full name, its short name, either
 * without the county prefix, or — last resort — the end of exactly one unit's loose name. A loose
 * name shared by two units matches neither.
 */
export interface NamedUnit {
  id: string;
  name: string;
  shortName: string | null;
  archived: number;
}

/** "县发展和改革局" / "XX县发改局" / "发改局" → a comparable key without the place prefix. */
export function looseUnitName(name: string): string {
  return name
    .replace(/\s+/g, '')
    .replace(/^XX/, '')
    .replace(/^[\u4e00-\u9fa5]{0,3}?[县市](?=[\u4e00-\u9fa5]{2,})/, '');
}

/** A lookup from a ledger's unit name to an active unit; each name is resolved once. */
export function unitResolver<U extends NamedUnit>(units: readonly U[]): (name: string) => U | undefined {
  const byName = new Map<string, U>();
  const loose = new Map<string, U | null>();
  for (const u of units.filter((x) => !x.archived)) {
    byName.set(u.name, u);
    for (const key of [u.shortName, u.name, u.shortName && `县${u.shortName}`].filter((x): x is string => !!x).map(looseUnitName)) {
      loose.set(key, loose.has(key) && loose.get(key)?.id !== u.id ? null : u);
    }
  }
  for (const [key, u] of loose) if (u && !byName.has(key)) byName.set(key, u);
  const bySuffix = (name: string): U | undefined => {
    const key = looseUnitName(name);
    if (key.length < 3) return undefined;
    const hits = new Set<U>();
    for (const [k, u] of loose) if (u && k.endsWith(key)) hits.add(u);
    return hits.size === 1 ? [...hits][0] : undefined;
  };
  // The same few unit names repeat on every row.
  const found = new Map<string, U | undefined>();
  return (name) => {
    if (!found.has(name)) found.set(name, byName.get(name) ?? byName.get(looseUnitName(name)) ?? bySuffix(name));
    return found.get(name);
  };
}
