import { pinyin } from 'pinyin-pro';
import { describe, expect, it } from 'vitest';
import { buildSearchText, initials, normaliseQuery } from './search-text.js';

const slowInitials = (text: string) => pinyin(text, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' }).join('').toLowerCase();

describe('project search text', () => {
  it('holds lower-case words and pinyin initials', () => {
    const s = buildSearchText({ name: '氢能装备产业园项目', builder: 'XX新能源有限公司', industry: '新能源', code: '2026-330000-04-01-123456' });
    expect(s).toContain('qnzbcyyxm');
    expect(s).toContain('xny');
    expect(s).toContain('xx新能源有限公司');
    expect(s).toContain('2026-330000-04-01-123456');
    expect(s).toContain('qn');
  });

  it('reads characters with two readings from the words around them', () => {
    expect(initials('重庆长安汽车')).toBe('cqcaqc');
    expect(initials('重要设备行业银行')).toBe('zysbhyyh');
    expect(initials('A区 B座')).toBe('aq bz');
  });

  it('gives the same initials as pinyin-pro on its own for ledger-like text', () => {
    // Characters of real project names, builders and places, polyphones (长 重 行 区 单 乐 会 朝) included.
    const pool = [...'年产万吨高端铝合金板带项目海上风电装备制造基地氢能综合利用产业园港口冷链物流体新材料科技有限公司长重行区单乐会朝厦蚌埠的地得县镇街道开发经济技术工业一期二三号线储能光伏半导体芯片汽车零部件医药生物化工纺织服装食品加工仓配送中心'];
    const extra = ['A', 'B', '1', '2', ' ', '（', '）', '-', 'Ⅱ'];
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) % n);
    for (let i = 0; i < 2000; i++) {
      let text = '';
      const len = 2 + rand(14);
      for (let k = 0; k < len; k++) text += rand(8) === 0 ? extra[rand(extra.length)] : pool[rand(pool.length)];
      expect(initials(text), text).toBe(slowInitials(text));
    }
  });

  it('strips LIKE wildcards from queries', () => {
    expect(normaliseQuery(' Q%N_ ')).toBe('qn');
  });
});
