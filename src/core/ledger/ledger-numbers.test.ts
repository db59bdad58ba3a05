import { describe, expect, it } from 'vitest';
import { parseDecimal, parseInteger, parsePercent, parseQuantity, scaleRound } from './ledger-numbers.js';
import { unitsInHeader, unitsInNote } from './ledger-units.js';

const money = (v: Parameters<typeof parseQuantity>[0], unit: Parameters<typeof parseQuantity>[2] = '万元') => parseQuantity(v, 'money', unit);
const value = (r: ReturnType<typeof parseQuantity>): number | string | null => (r === null ? null : r.ok ? r.value : r.reason);

describe('money (returned as integer 元)', () => {
  it.each([
    ['1,234.5678', 12_345_678],
    ['１２３', 1_230_000],
    ['１，２３４', 12_340_000],
    ['１２３．５', 1_235_000],
    ['12000', 120_000_000],
    ['0.0001', 1],
    ['-3', -30_000],
    ['(500)', 5_000_000],
    [' 800 ', 8_000_000],
    ['12,000,000', 120_000_000_000],
  ])('%s 万元 → %d 元', (text, yuan) => {
    expect(value(money(text))).toBe(yuan);
  });

  it('converts the column unit: 亿元 ×10^8, 元 ×1, 千元 ×1000', () => {
    expect(value(money('1.5', '亿元'))).toBe(150_000_000);
    expect(value(money('12.34', '亿元'))).toBe(1_234_000_000);
    expect(value(money('1234', '元'))).toBe(1234);
    expect(value(money('2.5', '千元'))).toBe(2500);
  });

  it('a unit written in the cell wins over the column unit', () => {
    expect(value(money('1.2亿元'))).toBe(120_000_000);
    expect(value(money('1.2亿'))).toBe(120_000_000);
    expect(value(money('500万'))).toBe(5_000_000);
    expect(value(money('500万元'))).toBe(5_000_000);
    expect(value(money('30000元'))).toBe(30_000);
    expect(value(money('3亿', '元'))).toBe(300_000_000);
  });

  it('is exact where floating point is not', () => {
    // 0.1 + 0.2 style traps: 1.1 万元 is 11000 元, not 11000.000000000002.
    expect(value(money('1.1'))).toBe(11_000);
    expect(value(money(1.1))).toBe(11_000);
    expect(value(money(1234.5678))).toBe(12_345_678);
    expect(value(money('0.29'))).toBe(2900);
    expect(value(money('123456789.1234'))).toBe(1_234_567_891_234);
  });

  it('rounds below one 元 half away from zero', () => {
    expect(value(money('0.00005'))).toBe(1);
    expect(value(money('0.00004'))).toBe(0);
    expect(value(money('-0.00005'))).toBe(-1);
  });

  it('marks approximate values ("约40", "40余", "40左右", "近40", "40多万元")', () => {
    for (const text of ['约40', '40余', '40左右', '近40', '40多', '约 40 万元', '40万元以上', '超40', '≈40']) {
      const r = money(text);
      expect(r, text).toMatchObject({ ok: true, value: 400_000, approx: true });
    }
    expect(money('40')).toMatchObject({ ok: true, approx: false });
  });

  it('reads "—", "-", "/", "无", "" and blanks as no value', () => {
    for (const text of ['', ' ', '—', '——', '-', '－', '--', '/', '无', '暂无', '待定', 'N/A', '　']) expect(money(text), JSON.stringify(text)).toBeNull();
    expect(money(null)).toBeNull();
  });

  it('reports what it cannot read', () => {
    expect(value(money('abc'))).toBe('unparseable');
    expect(value(money('30-40'))).toBe('unparseable');
    expect(value(money('12,34'))).toBe('unparseable');
    expect(value(money('1.2.3'))).toBe('unparseable');
    expect(value(money(true))).toBe('unparseable');
    expect(value(money(new Date()))).toBe('unparseable');
    expect(value(money(Number.NaN))).toBe('unparseable');
    expect(value(money(Number.POSITIVE_INFINITY))).toBe('unparseable');
    expect(value(money('40美元'))).toBe('unit');
    expect(value(money('40亩'))).toBe('unit');
    expect(value(money('1e40'))).toBe('out-of-range');
    expect(value(money('99999999999999999999'))).toBe('out-of-range');
  });

  it('keeps huge exponents cheap (no 10^999999999 BigInt)', () => {
    const t = Date.now();
    expect(value(money('1e999'))).toBe('out-of-range');
    expect(value(money('1e-999'))).toBe(0);
    expect(parseDecimal('1e99999')).toBeNull();
    expect(scaleRound({ neg: false, digits: '1', exponent: 999_999 }, 1n, 1n)).toBeNull();
    expect(scaleRound({ neg: false, digits: '1', exponent: -999_999 }, 1n, 1n)).toBe(0);
    expect(Date.now() - t).toBeLessThan(100);
  });

  it('flags negatives', () => {
    expect(money('-5')).toMatchObject({ ok: true, value: -50_000, negative: true });
  });
});

describe('area', () => {
  it('land is returned in hundredths of 亩', () => {
    expect(value(parseQuantity('12.5', 'land', '亩'))).toBe(1250);
    expect(value(parseQuantity(300, 'land', null))).toBe(30_000);
    // 1 公顷 = 15 亩
    expect(value(parseQuantity('2', 'land', '公顷'))).toBe(3000);
    expect(value(parseQuantity('12.5公顷', 'land', '亩'))).toBe(18_750);
    // 1 m² = 0.0015 亩 exactly (666.67 m² ≈ 1 亩)
    expect(value(parseQuantity('666.67', 'land', '平方米'))).toBe(100);
    expect(value(parseQuantity('10000', 'land', '平方米'))).toBe(1500);
    expect(value(parseQuantity('1万平方米', 'land', '亩'))).toBe(1500);
    expect(value(parseQuantity('30亩', 'land', '公顷'))).toBe(3000);
    expect(value(parseQuantity('1.2万', 'land', '亩'))).toBe(1_200_000);
  });

  it('floor area is returned in whole m²', () => {
    expect(value(parseQuantity('１２０，０００', 'floor', '平方米'))).toBe(120_000);
    expect(value(parseQuantity('8.5', 'floor', '万平方米'))).toBe(85_000);
    expect(value(parseQuantity('3万㎡', 'floor', '平方米'))).toBe(30_000);
    expect(value(parseQuantity('1', 'floor', '亩'))).toBe(667);
  });
});

describe('counts (就业人数)', () => {
  it('reads persons, 万人 and "约500人"', () => {
    expect(value(parseQuantity('500人', 'count', '人'))).toBe(500);
    expect(value(parseQuantity('1.2万人', 'count', '人'))).toBe(12_000);
    expect(value(parseQuantity('1.2万', 'count', '人'))).toBe(12_000);
    expect(parseQuantity('约500人', 'count', '人')).toMatchObject({ ok: true, value: 500, approx: true });
    expect(value(parseQuantity('300名', 'count', null))).toBe(300);
  });
});

describe('percent (returned in basis points)', () => {
  it.each([
    ['85%', false, 8500],
    ['85％', false, 8500],
    ['85.5%', false, 8550],
    [0.85, false, 8500],
    [1.2, false, 12_000],
    ['0.2133', false, 2133],
    ['85', false, 8500],
    [85, false, 8500],
    [0.85, true, 85],
    ['85', true, 8500],
    ['100%', false, 10_000],
  ] as const)('%s (header says %%: %s) → %d', (v, headerPercent, bp) => {
    expect(value(parsePercent(v, headerPercent))).toBe(bp);
  });

  it('rejects other units and junk', () => {
    expect(value(parsePercent('85万元', false))).toBe('unit');
    expect(value(parsePercent('很高', false))).toBe('unparseable');
    expect(parsePercent('—', false)).toBeNull();
  });
});

describe('integers (hidden __version column)', () => {
  it('reads non-negative integers only', () => {
    expect(parseInteger(3)).toBe(3);
    expect(parseInteger('１２')).toBe(12);
    expect(parseInteger('')).toBeNull();
    expect(parseInteger(null)).toBeNull();
    expect(parseInteger(1.5)).toBeNaN();
    expect(parseInteger('-1')).toBeNaN();
    expect(parseInteger('v3')).toBeNaN();
  });
});

describe('units in headers and notes', () => {
  it('finds the unit in brackets or glued to the end', () => {
    expect(unitsInHeader('总投资（万元）')).toEqual({ units: ['万元'], rest: '总投资' });
    expect(unitsInHeader('总投资(亿元)')).toEqual({ units: ['亿元'], rest: '总投资' });
    expect(unitsInHeader('用地面积（亩）')).toEqual({ units: ['亩'], rest: '用地面积' });
    expect(unitsInHeader('用地面积【公顷】')).toEqual({ units: ['公顷'], rest: '用地面积' });
    expect(unitsInHeader('建筑面积（㎡）')).toEqual({ units: ['平方米'], rest: '建筑面积' });
    expect(unitsInHeader('总投资万元')).toEqual({ units: ['万元'], rest: '总投资' });
    expect(unitsInHeader('完成率%')).toEqual({ units: ['%'], rest: '完成率' });
    expect(unitsInHeader('总投资（单位：亿元）')).toEqual({ units: ['亿元'], rest: '总投资' });
    expect(unitsInHeader('就业人数（人）').units).toEqual(['人']);
    // Brackets that are not units stay.
    expect(unitsInHeader('项目名称（全称）')).toEqual({ units: [], rest: '项目名称(全称)' });
  });

  it('reads "单位：万元、亩" notes but not "填报单位：…"', () => {
    expect(unitsInNote('填报单位：经济区项目办　单位：万元、亩')).toEqual(['万元', '亩']);
    expect(unitsInNote('金额单位：亿元')).toEqual(['亿元']);
    expect(unitsInNote('（单位：万元）')).toEqual(['万元']);
    expect(unitsInNote('填报单位：经济区项目办')).toEqual([]);
    expect(unitsInNote('单位：万元，亩')).toEqual(['万元', '亩']);
  });
});
