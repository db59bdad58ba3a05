import { describe, expect, it } from 'vitest';
import { FONT_CHAINS, chineseDate, chineseDateInWords, chineseNumeral, documentNumber, fallbackFor, fontFor, headingLabel, mmToTwip, numberHeadings, ptToHalfPoints } from './typography.js';

describe('公文 typography', () => {
  it('writes dates as GB/T 9704-2012 does: Arabic numerals, no zero padding', () => {
    expect(chineseDate('2026-11-27')).toBe('2026年11月27日');
    expect(chineseDate('2026-05-01')).toBe('2026年5月1日');
    expect(chineseDateInWords('2026-11-27')).toBe('二〇二六年十一月二十七日');
    expect(chineseDateInWords('2030-10-10')).toBe('二〇三〇年十月十日');
    expect(() => chineseDate('27/11/2026')).toThrow(RangeError);
  });

  it('counts in Chinese numerals', () => {
    expect([1, 9, 10, 11, 19, 20, 21, 99, 100, 101, 110, 115, 120].map(chineseNumeral)).toEqual(['一', '九', '十', '十一', '十九', '二十', '二十一', '九十九', '一百', '一百零一', '一百一十', '一百一十五', '一百二十']);
  });

  it('labels the four heading levels, and restarts lower levels under a new higher one', () => {
    expect([headingLabel(1, 3), headingLabel(2, 12), headingLabel(3, 2), headingLabel(4, 5)]).toEqual(['三、', '（十二）', '2.', '（5）']);
    expect(numberHeadings([1, 2, 2, 3, 3, 2, 1, 2, 3, 4, 4, 1])).toEqual(['一、', '（一）', '（二）', '1.', '2.', '（三）', '二、', '（一）', '1.', '（1）', '（2）', '三、']);
  });

  it('keeps the font chains as data, official first, with the common fonts as fallbacks', () => {
    expect(FONT_CHAINS.body.slice(0, 3)).toEqual(['仿宋_GB2312', '仿宋', 'FangSong']);
    expect(fontFor('body')).toBe('仿宋_GB2312');
    expect(fontFor('body', 'common')).toBe('仿宋');
    expect(fontFor('heading2', 'common')).toBe('楷体');
    expect(fontFor('latin', 'common')).toBe('Times New Roman');
    expect(fallbackFor('仿宋_GB2312')).toBe('仿宋');
    expect(fallbackFor('方正小标宋简体')).toBe('华文中宋');
    expect(fallbackFor('Times New Roman')).toBeNull();
  });

  it('converts units and numbers documents', () => {
    expect(mmToTwip(37)).toBe(2098);
    expect(mmToTwip(210)).toBe(11906);
    expect(ptToHalfPoints(22)).toBe(44);
    expect(documentNumber('督办', 2026, 12)).toBe('督办〔2026〕12号');
  });
});
