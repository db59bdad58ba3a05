import { describe, expect, it } from 'vitest';
import { changedExtraValues, checkExtraValues, mergeExtraValues, type ExtraField } from './extra-fields.schema.js';

const defs: ExtraField[] = [
  { id: '1', key: 'fundingType', label: '资金类型', kind: 'choice', options: ['专项债', '自筹'], sortOrder: 0, archived: false, version: 1 },
  { id: '2', key: 'oldCode', label: '旧编号', kind: 'text', options: null, sortOrder: 1, archived: true, version: 2 },
];

describe('extra values on update', () => {
  const before = { fundingType: '自筹', oldCode: 'A-17' };

  it('merges a change into the stored values; null clears a key', () => {
    expect(mergeExtraValues(before, { fundingType: '专项债' })).toEqual({ fundingType: '专项债', oldCode: 'A-17' });
    expect(mergeExtraValues(before, { fundingType: null })).toEqual({ oldCode: 'A-17' });
  });

  it('validates only what changes, so an archived field’s own value passes untouched', () => {
    const patch = { fundingType: '专项债', oldCode: 'A-17' };
    expect(checkExtraValues(patch, defs)).toHaveLength(1); // the archived key, checked as a whole
    expect(checkExtraValues(changedExtraValues(before, patch), defs)).toEqual([]);
    expect(checkExtraValues(changedExtraValues(before, { oldCode: 'B-2' }), defs).map((p) => p.key)).toEqual(['oldCode']);
    expect(changedExtraValues({}, { fundingType: null })).toEqual({});
    expect(checkExtraValues({ oldCode: null }, defs)).toEqual([]); // clearing an archived field is fine
    expect(checkExtraValues({ nope: 1 }, defs)[0]?.zh).toBe('未定义的自定义字段“nope”');
  });
});
