import { describe, expect, it } from 'vitest';
import { looseUnitName, unitResolver } from './ledger-unit-names.js';

const unit = (id: string, name: string, shortName: string | null = null, archived = 0) => ({ id, name, shortName, archived });

describe('unit names as ledgers write them', () => {
  it('drops the place prefix', () => {
    expect(looseUnitName('XX县发改局')).toBe('发改局');
    expect(looseUnitName('县 发展和改革局')).toBe('发展和改革局');
    expect(looseUnitName('经济区管委会')).toBe('经济区管委会');
  });

  it('matches full, short and loose names, a unique suffix, and never an ambiguous or archived unit', () => {
    const find = unitResolver([
      unit('a', '县发展和改革局', '发改局'),
      unit('b', 'XX港经济区管委会'),
      unit('c', '县住房和城乡建设局', '住建局'),
      unit('d', '市住房和城乡建设局', '住建局'),
      unit('e', '县旧机构', null, 1),
    ]);
    expect(find('县发展和改革局')?.id).toBe('a');
    expect(find('XX县发改局')?.id).toBe('a');
    expect(find('经济区管委会')?.id).toBe('b');
    expect(find('住建局')).toBeUndefined();
    expect(find('县住房和城乡建设局')?.id).toBe('c');
    expect(find('县旧机构')).toBeUndefined();
    expect(find('不存在的单位')).toBeUndefined();
  });
});
