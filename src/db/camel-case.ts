import { CamelCasePlugin } from 'kysely';

type Row = Record<string, unknown>;
type RowMapper = (row: Row, nested: (value: unknown) => unknown) => Row;

const MAX_SHAPES = 2000;

/**
 * Kysely's CamelCasePlugin renames a row's keys one by one (`obj[camel(key)] = value`). V8 turns
 * an object grown that way past a dozen keys into a slow dictionary, and every later read, spread
 * and JSON serialisation of the row pays for it (10 µs per 26-column project row, more than the
 * SQL). This plugin maps rows the same way, but through one object literal compiled per column
 * list, so the rows are ordinary fast objects. Nested plain objects and arrays (JSON values) are
 * still mapped the way CamelCasePlugin maps them.
 */
export class FastCamelCasePlugin extends CamelCasePlugin {
  readonly #mappers = new Map<string, RowMapper>();
  readonly #nested = (value: unknown): unknown => (value !== null && typeof value === 'object' ? this.#mapValue(value) : value);

  protected override mapRow(row: Row): Row {
    const keys = Object.keys(row);
    const shape = keys.join('\u0000');
    let mapper = this.#mappers.get(shape);
    if (!mapper) {
      if (this.#mappers.size >= MAX_SHAPES) this.#mappers.clear();
      // Keys are quoted with JSON.stringify: column names never reach the code unescaped.
      const fields = keys.map((k) => `${JSON.stringify(this.camelCase(k))}: nested(row[${JSON.stringify(k)}])`);
      mapper = new Function('row', 'nested', `return { ${fields.join(', ')} };`) as RowMapper;
      this.#mappers.set(shape, mapper);
    }
    return mapper(row, this.#nested);
  }

  /** What CamelCasePlugin does with a nested value: arrays element-wise, plain objects by key. */
  #mapValue(value: object): unknown {
    if (Array.isArray(value)) return value.map(this.#nested);
    const proto = Object.getPrototypeOf(value) as unknown;
    return proto === Object.prototype || proto === null ? this.mapRow(value as Row) : value;
  }
}
