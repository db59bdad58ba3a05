const DEFAULT_MAX = 500;

/**
 * Values remembered per database handle (a test process holds several), least recently used
 * dropped first. The ledger page keeps its compiled statements and its filters' totals here.
 */
export class PerDatabaseLru<V> {
  private readonly byDb = new WeakMap<object, Map<string, V>>();
  constructor(private readonly max = DEFAULT_MAX) {}

  get(db: object, key: string): V | undefined {
    const entries = this.byDb.get(db);
    const hit = entries?.get(key);
    if (hit !== undefined) {
      entries!.delete(key);
      entries!.set(key, hit);
    }
    return hit;
  }

  set(db: object, key: string, value: V): V {
    let entries = this.byDb.get(db);
    if (!entries) this.byDb.set(db, (entries = new Map()));
    entries.delete(key);
    if (entries.size >= this.max) entries.delete(entries.keys().next().value!);
    entries.set(key, value);
    return value;
  }
}
