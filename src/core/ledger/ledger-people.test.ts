import { describe, expect, it } from 'vitest';
import { levelFromText, natureFromText, projectTypeFromText, stageFromText } from './ledger-enums.js';
import { findPhones, isPhoneText, parsePeople, parseUnitList, splitContact, splitList } from './ledger-people.js';

const names = (text: string) => parsePeople(text).map((p) => [p.name, p.title]);

describe('leaders (包挂领导)', () => {
  it('reads names with their titles in brackets, several per cell', () => {
    expect(names('王建国（县委书记）')).toEqual([['王建国', '县委书记']]);
    expect(names('王建国（县委书记）、李明(县长)')).toEqual([
      ['王建国', '县委书记'],
      ['李明', '县长'],
    ]);
    expect(names('赵强【常务副县长】，陈刚(副县长),周平（县委常委、副县长）')).toEqual([
      ['赵强', '常务副县长'],
      ['陈刚', '副县长'],
      ['周平', '县委常委、副县长'],
    ]);
    expect(names('王建国（县委书记）\n李明（县长）')).toEqual([
      ['王建国', '县委书记'],
      ['李明', '县长'],
    ]);
    expect(names('王建国（县委书记）；李明（县长）/陈刚')).toEqual([
      ['王建国', '县委书记'],
      ['李明', '县长'],
      ['陈刚', null],
    ]);
  });

  it('reads titles beside the name', () => {
    expect(names('县长 李明')).toEqual([['李明', '县长']]);
    expect(names('李明 副县长')).toEqual([['李明', '副县长']]);
    expect(names('王建国县委书记')).toEqual([['王建国', '县委书记']]);
    expect(names('常务副县长赵强')).toEqual([['赵强', '常务副县长']]);
    expect(names('李明')).toEqual([['李明', null]]);
    expect(names('李明 陈刚')).toEqual([
      ['李明', null],
      ['陈刚', null],
    ]);
    expect(names('李明同志')).toEqual([['李明', null]]);
  });

  it('takes a phone number out of a helper cell', () => {
    expect(parsePeople('张三（发改局）13800000000')).toEqual([{ name: '张三', title: '发改局', phone: '13800000000' }]);
    expect(parsePeople('张三 138 0000 0000')).toEqual([{ name: '张三', title: null, phone: '13800000000' }]);
  });

  it('returns fresh objects (results are cached internally)', () => {
    const a = parsePeople('王建国（县委书记）');
    const b = parsePeople('王建国（县委书记）');
    expect(a).toEqual(b);
    expect(a[0]).not.toBe(b[0]);
  });
});

describe('units (责任单位 / 配合单位)', () => {
  it('splits at 、，, ; / spaces and line breaks, keeping brackets whole', () => {
    expect(parseUnitList('县发改局、县自然资源局')).toEqual(['县发改局', '县自然资源局']);
    expect(parseUnitList('县住建局，县生态环境分局,供电公司')).toEqual(['县住建局', '县生态环境分局', '供电公司']);
    expect(parseUnitList('供电公司 水务集团\n县商务局；县招商局')).toEqual(['供电公司', '水务集团', '县商务局', '县招商局']);
    expect(parseUnitList('县自然资源局（林业局、规划局）、县住建局等')).toEqual(['县自然资源局（林业局、规划局）', '县住建局']);
    expect(parseUnitList('  ')).toEqual([]);
    expect(splitList('a（b,c）,d', false)).toEqual(['a（b,c）', 'd']);
  });
});

describe('contacts', () => {
  it('splits a name and a phone in one cell', () => {
    expect(splitContact('张三 13800000000')).toEqual({ name: '张三', phones: ['13800000000'] });
    expect(splitContact('张三13800000000')).toEqual({ name: '张三', phones: ['13800000000'] });
    expect(splitContact('孙工 0574-86001234')).toEqual({ name: '孙工', phones: ['0574-86001234'] });
    expect(splitContact('李四，电话：+86 139-0000-0000')).toEqual({ name: '李四', phones: ['139-0000-0000'] });
    expect(splitContact('吴经理')).toEqual({ name: '吴经理', phones: [] });
  });

  it('recognises phone cells', () => {
    expect(isPhoneText('13800000000')).toBe(true);
    expect(isPhoneText('0574-86001234、13800000000')).toBe(true);
    expect(isPhoneText('86001234')).toBe(true);
    expect(isPhoneText('张三 13800000000')).toBe(false);
    expect(isPhoneText('待定')).toBe(false);
    expect(findPhones('1380000000')).toEqual([]);
  });
});

describe('enum words', () => {
  it('stage words, planned forms and the latest stage named', () => {
    const cases: Array<[string, ReturnType<typeof stageFromText>]> = [
      ['储备', 'reserve'],
      ['谋划', 'reserve'],
      ['前期', 'reserve'],
      ['在谈', 'negotiating'],
      ['洽谈', 'negotiating'],
      ['跟踪', 'negotiating'],
      ['拟签约', 'negotiating'],
      ['签约', 'signed'],
      ['已签约', 'signed'],
      ['签约未开工', 'signed'],
      ['开工', 'construction'],
      ['新开工', 'construction'],
      ['在建', 'construction'],
      ['续建', 'construction'],
      ['竣工', 'completed'],
      ['建成', 'completed'],
      ['投产', 'operating'],
      ['达产', 'operating'],
      ['竣工投产', 'operating'],
      ['终止', 'dropped'],
      ['放弃', 'dropped'],
      ['计划新开工', null],
      ['A类', undefined],
    ];
    for (const [text, stage] of cases) expect(stageFromText(text), text).toBe(stage);
  });

  it('level, type and nature', () => {
    expect(levelFromText('国家重大项目')).toBe('national');
    expect(levelFromText('省重点')).toBe('provincial');
    expect(levelFromText('省市重点')).toBe('provincial');
    expect(levelFromText('市重点')).toBe('city');
    expect(levelFromText('县重点')).toBe('county');
    expect(levelFromText('区级')).toBe('county');
    expect(levelFromText('园区重点')).toBe('zone');
    expect(levelFromText('经济区')).toBe('zone');
    expect(levelFromText('一般')).toBeUndefined();
    expect(projectTypeFromText('产业项目')).toBe('industrial');
    expect(projectTypeFromText('工业')).toBe('industrial');
    expect(projectTypeFromText('基础设施')).toBe('infrastructure');
    expect(projectTypeFromText('民生')).toBe('livelihood');
    expect(projectTypeFromText('社会事业')).toBe('social');
    expect(projectTypeFromText('现代服务业')).toBe('service');
    expect(projectTypeFromText('农业')).toBe('agriculture');
    expect(projectTypeFromText('其他')).toBe('other');
    expect(natureFromText('新建')).toBe('new');
    expect(natureFromText('扩建')).toBe('expansion');
    expect(natureFromText('改扩建')).toBe('expansion');
    expect(natureFromText('技改')).toBe('renovation');
    expect(natureFromText('改建')).toBe('renovation');
    expect(natureFromText('迁建')).toBe('relocation');
    expect(natureFromText('恢复')).toBe('restoration');
    expect(natureFromText('单纯购置')).toBe('purchase');
    expect(natureFromText('续建')).toBeUndefined();
  });
});
