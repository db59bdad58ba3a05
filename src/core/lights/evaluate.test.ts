import { describe, expect, it } from 'vitest';
import { describeReason } from './describe.js';
import { evaluateLight, type LightInput } from './evaluate.js';
import { DEFAULT_LIGHT_RULES, lightRuleSchema, lightRulesSchema, type LightRule } from './light-rules.js';

const base: LightInput = {
  stage: 'construction',
  investment: null,
  plannedStart: null,
  actualStart: null,
  statsEnteredAt: '2026-01-10',
  milestones: [],
  problems: [],
  reports: [],
  previousColors: [],
};
const light = (patch: Partial<LightInput>, today = '2026-06-15', rules: readonly LightRule[] = DEFAULT_LIGHT_RULES) =>
  evaluateLight({ ...base, ...patch }, rules, today);
const codes = (patch: Partial<LightInput>, today?: string) => light(patch, today)!.reasons.map((r) => r.code);
const color = (patch: Partial<LightInput>, today?: string) => light(patch, today)!.color;

// 序时 after 5 ended months = 5/12 = 41.7 %; annual plan 1,000,000 元.
const invest = (completed: number) => ({ investment: { annualPlan: 1_000_000, completedThisYear: completed, timeShare: 5 / 12 } });

describe('investment vs 序时 (INV-Y 10–30 points below inclusive, INV-R more than 30)', () => {
  it('is green at or above 序时, and in the band less than 10 points below', () => {
    expect(color(invest(416_667))).toBe('green'); // 41.7 % = 序时
    expect(color(invest(500_000))).toBe('green');
    expect(color(invest(318_000))).toBe('green'); // 31.8 %: 9.9 behind
  });
  it('turns yellow at exactly 10 points behind and stays yellow up to exactly 30', () => {
    expect(codes(invest(317_000))).toEqual(['INV-Y']); // 31.7 %: 10.0 behind
    expect(codes(invest(117_000))).toEqual(['INV-Y']); // 11.7 %: 30.0 behind
  });
  it('turns red just past 30 points behind', () => {
    expect(codes(invest(116_000))).toEqual(['INV-R']); // 11.6 %: 30.1 behind
    expect(codes(invest(0))).toEqual(['INV-R']);
  });
  it('says why with the figures', () => {
    const reason = light(invest(116_000))!.reasons[0]!;
    expect(reason.figures).toEqual({ rate: 11.6, expected: 41.7, behind: 30.1 });
    expect(describeReason(reason)).toBe('年度投资完成率11.6%，序时进度41.7%，落后30.1个百分点');
    expect(describeReason(reason, 'en')).toContain('30.1 points behind');
  });
  it('leaves projects that have not started to the start rule', () => {
    expect(color({ ...invest(0), stage: 'signed' })).toBe('green');
    expect(color({ ...invest(0), stage: 'completed' })).toBe('red');
  });
  it('does not judge a project without an annual plan, or in January before any month has ended', () => {
    expect(color({ investment: { annualPlan: 0, completedThisYear: 0, timeShare: 0.5 } })).toBe('green');
    expect(color({ investment: { annualPlan: 1_000_000, completedThisYear: 0, timeShare: 0 } })).toBe('green');
  });
});

describe('start (START-Y once the planned month has passed, START-R three months later)', () => {
  const signed = { stage: 'signed' as const, plannedStart: '2026-03' };
  it('is green during the planned month', () => expect(color(signed, '2026-03-31')).toBe('green'));
  it('turns yellow on the first day after it', () => expect(codes(signed, '2026-04-01')).toEqual(['START-Y']));
  it('is still yellow the day before three months have passed, red on that day', () => {
    expect(codes(signed, '2026-06-30')).toEqual(['START-Y']);
    expect(codes(signed, '2026-07-01')).toEqual(['START-R']); // the worst of one kind speaks
    expect(color(signed, '2026-07-01')).toBe('red');
  });
  it('reads a full planned date by its month, and ignores projects that have started', () => {
    expect(color({ ...signed, plannedStart: '2026-03-20' }, '2026-04-01')).toBe('yellow');
    expect(color({ ...signed, stage: 'construction', actualStart: '2026-05-02' }, '2026-08-01')).toBe('green');
  });
  it('words the reason in Chinese', () => {
    const r = light(signed, '2026-04-01')!.reasons[0]!;
    expect(describeReason(r)).toBe('计划2026年3月开工，已超期1天仍未开工');
  });
});

describe('统计入库 after start (STAT-Y after 1 month, STAT-R after 2)', () => {
  const started = { actualStart: '2026-03-10', statsEnteredAt: null };
  it('is green for the first month', () => expect(color(started, '2026-04-09')).toBe('green'));
  it('turns yellow on the day one month has passed', () => expect(codes(started, '2026-04-10')).toEqual(['STAT-Y']));
  it('turns red on the day two months have passed', () => {
    expect(color(started, '2026-05-09')).toBe('yellow');
    expect(color(started, '2026-05-10')).toBe('red');
  });
  it('is green once entered', () => expect(color({ ...started, statsEnteredAt: '2026-05-01' }, '2026-06-01')).toBe('green'));
});

describe('milestones (MS-Y due within 7 days and not started, MS-R overdue)', () => {
  const ms = (plannedEnd: string, started = false) => ({ milestones: [{ name: '施工许可证', plannedEnd, started }] });
  it('is green 8 days ahead, yellow 7 days ahead and on the day', () => {
    expect(color(ms('2026-06-23'))).toBe('green');
    expect(codes(ms('2026-06-22'))).toEqual(['MS-Y']);
    expect(codes(ms('2026-06-15'))).toEqual(['MS-Y']);
  });
  it('is green when due soon but already started', () => expect(color(ms('2026-06-20', true))).toBe('green'));
  it('turns red the day after the planned date', () => {
    expect(codes(ms('2026-06-14'))).toEqual(['MS-R']);
    expect(describeReason(light(ms('2026-06-14'))!.reasons[0]!)).toContain('已逾期1天');
  });
});

describe('problems past deadline (PROB-Y from 1 day, PROB-R from 30 days)', () => {
  const pr = (deadline: string) => ({ problems: [{ title: '电力配套未到位', deadline }] });
  it('is green on the deadline day', () => expect(color(pr('2026-06-15'))).toBe('green'));
  it('is yellow from the day after', () => expect(codes(pr('2026-06-14'))).toEqual(['PROB-Y']));
  it('is yellow at 29 days and red at 30', () => {
    expect(color(pr('2026-05-17'))).toBe('yellow');
    expect(codes(pr('2026-05-16'))).toEqual(['PROB-R']);
  });
});

describe('reports (REP-Y the last round late or missing, REP-R two rounds missing)', () => {
  const rep = (...states: ('on-time' | 'late' | 'missing')[]) => ({ reports: states.map((state, i) => ({ period: `2026-0${5 - i}`, state })) });
  it('is green when the last round came on time', () => expect(color(rep('on-time', 'missing'))).toBe('green'));
  it('is yellow when the last round is late or missing', () => {
    expect(codes(rep('late', 'on-time'))).toEqual(['REP-Y']);
    expect(codes(rep('missing', 'on-time'))).toEqual(['REP-Y']);
  });
  it('is red when two rounds in a row are missing, but not when one was only late', () => {
    expect(color(rep('missing', 'missing'))).toBe('red');
    expect(color(rep('missing', 'late'))).toBe('yellow');
  });
  it('does not ask finished projects to report', () => expect(color({ ...rep('missing', 'missing'), stage: 'operating' })).toBe('green'));
});

describe('two consecutive yellows turn red (TREND-R)', () => {
  const yellowNow = { problems: [{ title: 'x', deadline: '2026-06-01' }] };
  it('keeps a first yellow yellow', () => expect(color({ ...yellowNow, previousColors: ['green', 'yellow'] })).toBe('yellow'));
  it('turns the second yellow in a row red, and says so', () => {
    const r = light({ ...yellowNow, previousColors: ['yellow'] })!;
    expect(r.color).toBe('red');
    expect(r.reasons.map((x) => x.code)).toEqual(['TREND-R', 'PROB-Y']);
    expect(describeReason(r.reasons[0]!)).toBe('连续2个月黄灯，转为红灯');
  });
  it('does not touch a green month after a yellow one', () => expect(color({ previousColors: ['yellow'] })).toBe('green'));
});

describe('rules as data', () => {
  it('gives a dropped project no light', () => expect(light({ stage: 'dropped', ...invest(0) })).toBeNull());
  it('skips disabled rules and honours edited thresholds', () => {
    const rules = DEFAULT_LIGHT_RULES.map((r) => (r.code === 'INV-Y' ? { ...r, thresholds: { minPoints: 5, maxPoints: 30 } } : r.code === 'INV-R' ? { ...r, enabled: false } : r));
    expect(light(invest(350_000), '2026-06-15', rules)!.color).toBe('yellow'); // 6.7 behind
    expect(light(invest(0), '2026-06-15', rules)!.color).toBe('green');
  });
  it('validates the shipped set and refuses bad rules with zh/en messages', () => {
    expect(lightRulesSchema.safeParse(DEFAULT_LIGHT_RULES).success).toBe(true);
    const missing = lightRuleSchema.safeParse({ code: 'X1', name: 'x', kind: 'start-late', severity: 'red', enabled: true, thresholds: {} });
    expect(missing.error?.issues[0]?.message).toContain('缺少阈值 afterMonths');
    const fraction = lightRuleSchema.safeParse({ code: 'X1', name: 'x', kind: 'start-late', severity: 'red', enabled: true, thresholds: { afterMonths: 1.5 } });
    expect(fraction.error?.issues[0]?.message).toContain('整数');
    const dup = lightRulesSchema.safeParse([DEFAULT_LIGHT_RULES[0], DEFAULT_LIGHT_RULES[0]]);
    expect(dup.error?.issues[0]?.message).toContain('规则编码重复');
  });
});
