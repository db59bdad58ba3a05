import { describe, expect, it } from 'vitest';
import { FACTS, YI, m } from '../../../test/fixtures/official-documents.js';
import { goodNewsParagraphs, money, nameList, nextStepParagraphs, problemParagraphs, pushParagraphs, situationParagraphs } from './briefing-text.js';

describe('汇报材料 templates', () => {
  it('writes money in 亿元 or 万元 and lists names', () => {
    expect(money(12.345 * YI)).toBe('12.35亿元');
    expect(money(5_000_000)).toBe('500万元');
    expect(nameList(['A'])).toBe('A');
    expect(nameList(['A', 'B'])).toBe('A、B');
    expect(nameList(['A', 'B', 'C', 'D'])).toBe('A、B、C等4个项目');
  });

  it('states the situation in figures: stock, flows vs targets and 序时, investment, units', () => {
    expect(situationParagraphs(FACTS)).toEqual([
      '截至2026年5月12日，XX港经济区纳入调度的重大项目共20个，总投资100.00亿元。其中，储备5个、在谈4个、签约待开工2个、开工在建6个、竣工1个、投产2个。',
      '今年以来，签约3个，完成年度目标8个的37.5%，达到序时进度；开工1个，完成年度目标6个的16.7%，低于序时进度（序时应完成2个）；竣工0个；投产1个，完成年度目标2个的50%，达到序时进度。',
      '项目梯次方面，在谈项目4个，未达到保有5个的目标。',
      '年度计划投资20.00亿元，累计完成5.00亿元，完成率25%，低于序时进度（33.3%）8.3个百分点。',
      '分单位看，经济区招商局（40%）、临港产业园（30%）完成率居前；临港产业园（30%）、XX镇（10%）低于序时进度，需加快推进。',
    ]);
  });

  it('says plainly when there is no plan, no unit ranking and nothing recent', () => {
    const quiet = { ...FACTS, investment: { plan: 0, completed: 0, rate: null, expected: 33.3, gapPoints: null }, units: [], recent: { signed: [], started: [], completed: [] } };
    expect(situationParagraphs(quiet)).toContain('本年度尚未下达计划投资，累计完成投资0万元。');
    expect(goodNewsParagraphs(quiet)).toEqual(['近30天内没有新签约、新开工或竣工的项目，需进一步加大推进力度。']);
  });

  it('tells what went well', () => {
    expect(goodNewsParagraphs(FACTS)).toEqual(['近30天来，新能源电池材料项目成功签约，总投资12.00亿元。项目推进总体呈现良好势头。']);
  });

  it('lists the projects to push, by list, and a fallback when none', () => {
    const push = pushParagraphs(FACTS);
    expect(push.map((p) => p.heading)).toEqual(['推动在谈项目尽快签约', '力促签约项目早日开工']);
    expect(push[0]!.text).toMatch(/^高端装备制造项目（经济区招商局，计划2026年5月签约）已进入签约窗口/);
    expect(push[1]!.text).toMatch(/^港口物流园项目（经济区规划建设局，计划2026年6月开工）/);
    expect(pushParagraphs({ ...FACTS, push: { toSign: [], toStart: [], toFinish: [] } })[0]!.heading).toBe('项目推进安排');
  });

  it('names each problem with its owners, deadline and escalation level', () => {
    expect(problemParagraphs(FACTS)).toEqual([
      '目前尚有2个问题未解决，其中1个已超过解决时限，主要是：',
      '1.港口物流园项目：用地指标缺口30亩（土地指标）。责任单位县自然资源局，责任人王强，责任领导张副县长，原定2026年5月1日前解决，已逾期11天，已升级至责任单位主要负责人督办。',
      '2.园区供水管网未接通（水电气配套）。责任单位县水务局，2026年6月30日前解决。',
    ]);
    expect(problemParagraphs({ ...FACTS, problems: [] })).toEqual(['目前没有未解决的问题。']);
  });

  it('proposes next steps from the figures', () => {
    const steps = nextStepParagraphs(FACTS);
    expect(steps[0]).toBe('对照年度目标和序时进度，开工、投资进度滞后。要逐项目分析原因，倒排计划、挂图作战，确保按序时进度推进。');
    expect(steps[1]).toContain('对上述2个重点推进项目');
    expect(steps[2]).toBe('对1个已升级的问题，提请县领导专题协调，明确责任和时限，限期销号。');
    expect(steps.at(-1)).toContain('强化要素保障和调度督办');
    const calm = nextStepParagraphs({ ...FACTS, flows: { ...FACTS.flows, start: m(2, 6, 2, 'ahead') }, investment: { ...FACTS.investment, gapPoints: 1 }, push: { toSign: [], toStart: [], toFinish: [] }, problems: [] });
    expect(calm).toEqual(['强化要素保障和调度督办，对进度滞后、问题久拖未决的，按规定予以通报、约谈。']);
  });
});
