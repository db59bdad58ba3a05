import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configSchema, loadConfig, packageRoot } from './config.js';

describe('config', () => {
  it('has sensible defaults: port 3000 and an embedded SQLite file', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ PORT: 3000, LUODI_DB: './data/luodi.db', dbKind: 'sqlite' });
    expect(c.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('selects PostgreSQL from a postgres:// URL', () => {
    expect(loadConfig({ LUODI_DB: 'postgres://u:p@db/luodi' }).dbKind).toBe('postgres');
    expect(loadConfig({ LUODI_DB: 'postgresql://u:p@db/luodi' }).dbKind).toBe('postgres');
  });

  it('fails at boot listing every bad value at once', () => {
    expect(() => loadConfig({ PORT: 'abc', LUODI_LOG_LEVEL: 'loud' })).toThrow(/PORT[\s\S]*LUODI_LOG_LEVEL/);
  });

  it('documents every variable in .env.example, and nothing else', () => {
    const text = readFileSync(join(packageRoot(), '.env.example'), 'utf8');
    const listed = [...text.matchAll(/^([A-Z_]+)=/gm)].map((m) => m[1]);
    expect(listed.sort()).toEqual(Object.keys(configSchema.shape).sort());
    for (const name of listed) expect(text, `${name} needs a comment line`).toMatch(new RegExp(`# .+\\n${name}=`));
  });
});
