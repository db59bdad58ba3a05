import type { Unit } from '../../../core/schemas/units.schema.js';

/** A unit with its child units, for tree tables. */
export interface UnitNode extends Unit {
  children?: UnitNode[];
}

/** A node of an antd TreeSelect. */
export interface UnitOption {
  value: string;
  title: string;
  disabled?: boolean;
  children?: UnitOption[];
}

const bySortThenName = (a: Unit, b: Unit) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'zh-Hans-CN');

/**
 * Nests the flat list GET /api/units returns. Siblings are ordered by sortOrder, then name;
 * a unit whose parent is missing from the list (filtered out) becomes a root.
 */
export function buildUnitTree(units: readonly Unit[], { includeArchived = true } = {}): UnitNode[] {
  const kept = units.filter((u) => includeArchived || !u.archived);
  const ids = new Set(kept.map((u) => u.id));
  const children = new Map<string | null, Unit[]>();
  for (const u of kept) {
    const parent = u.parentId && ids.has(u.parentId) ? u.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), u]);
  }
  const build = (parent: string | null): UnitNode[] =>
    (children.get(parent) ?? []).sort(bySortThenName).map((u) => {
      const kids = build(u.id);
      return kids.length > 0 ? { ...u, children: kids } : { ...u };
    });
  return build(null);
}

/** TreeSelect options for choosing a unit; `exclude` removes a unit and its subtree (a unit cannot move under itself). */
export function unitOptions(units: readonly Unit[], { exclude }: { exclude?: string } = {}): UnitOption[] {
  const toOption = (n: UnitNode): UnitOption | null => {
    if (n.id === exclude) return null;
    const kids = (n.children ?? []).map(toOption).filter((o): o is UnitOption => o !== null);
    return { value: n.id, title: n.shortName ? `${n.name}（${n.shortName}）` : n.name, ...(kids.length > 0 ? { children: kids } : {}) };
  };
  return buildUnitTree(units, { includeArchived: false })
    .map(toOption)
    .filter((o): o is UnitOption => o !== null);
}

/** Every id in a tree, for "expand all". */
export function allIds(nodes: readonly UnitNode[]): string[] {
  return nodes.flatMap((n) => [n.id, ...allIds(n.children ?? [])]);
}
