import { describe, expect, it } from 'vitest';
import { buildSearchText, normaliseQuery } from './search-text.js';

describe('project search text', () => {
  it('holds lower-case words and pinyin initials', () => {
    const s = buildSearchText({ name: '氢能装备产业园项目', builder: 'XX新能源有限公司', industry: '新能源', code: '2026-330000-04-01-123456' });
    expect(s).toContain('qnzbcyyxm');
    expect(s).toContain('xny');
    expect(s).toContain('xx新能源有限公司');
    expect(s).toContain('2026-330000-04-01-123456');
    expect(s).toContain('qn');
  });

  it('strips LIKE wildcards from queries', () => {
    expect(normaliseQuery(' Q%N_ ')).toBe('qn');
  });
});
