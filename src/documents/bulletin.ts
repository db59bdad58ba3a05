import { BULLETIN_FLOWS, FLOW_NAMES, type BulletinFigures, type BulletinProject } from '../core/bulletin/figures.js';
import { formatWan } from '../core/money.js';
import { STAGE_LABELS, type Stage } from '../core/stages.js';
import type { Block, OfficialDocument } from './official-document.js';
import { documentNumber } from './typography.js';

/** Annex rows printed in the document; the rest are in the 月度进展表 (Excel). */
export const ANNEX_CAP = 300;

/** What the office adds to the figures: its name, the area word, the editable texts. */
export interface BulletinDocInput {
  figures: BulletinFigures;
  /** 全县 / 全区 / the unit's name. */
  area: string;
  office: string;
  /** Sequence of the year's bulletins (发文字号 调度通报〔2026〕10号). */
  seq: number;
  /** YYYY-MM-DD: 成文日期. */
  date: string;
  recipient?: string;
  /** The opening paragraph (editable); null = the template one. */
  opening?: string | null;
  /** 下一步工作 paragraphs (editable); null = the figures' template sentences. */
  nextSteps?: string[] | null;
}

const pct = (x: number | null) => (x === null ? '—' : `${x.toFixed(1)}%`);
const pts = (x: number | null) => (x === null ? '—' : x >= 0 ? `高于序时${x.toFixed(1)}个百分点` : `低于序时${Math.abs(x).toFixed(1)}个百分点`);
const wan = (yuan: number) => formatWan(yuan, 0);
// The paragraph states the total first; the names stop at `max` (the annex lists them all).
const list = (ps: readonly BulletinProject[], max = 20) => (ps.length ? ps.slice(0, max).map((p) => `${p.name}（${p.unitName}）`).join('、') + (ps.length > max ? '等' : '') : '无');
const stageName = (s: string) => STAGE_LABELS[s as Stage]?.zh ?? s;
const LIGHT_NAMES = { red: '红灯', yellow: '黄灯', green: '绿灯' } as const;

/** The template opening: who, when, and the headline figure. */
export function defaultOpening(f: BulletinFigures, area: string): string {
  return `为进一步压实项目推进责任，加快重大项目建设，现将${f.year}年1—${f.months}月份${area}重大项目推进情况通报如下。`;
}

export function bulletinTitle(f: Pick<BulletinFigures, 'year' | 'months'>, area: string): string {
  return `关于${f.year}年${f.months}月份${area}重大项目推进情况的通报`;
}

export function bulletinFileName(f: Pick<BulletinFigures, 'year' | 'months'>, area: string): string {
  return `调度通报-${f.year}年${f.months}月-${area}.docx`;
}

/**
 * 调度通报 (monthly dispatch bulletin) in the order of domain.md §3: 总体情况 against 序时 →
 * 开工竣工 → 各单位排名 → 亮灯 and 十快十慢 → 存在问题 → 下一步工作, with the project progress
 * table as 附件 (red/yellow lights and this month's starts and completions only, capped).
 */
export function bulletinDocument(d: BulletinDocInput): OfficialDocument {
  const f = d.figures;
  const inv = f.investment;
  const body: Block[] = [{ kind: 'paragraph', text: d.opening ?? defaultOpening(f, d.area) }];

  body.push({ kind: 'heading', level: 1, text: '总体情况' });
  body.push({
    kind: 'paragraph',
    text: `1—${f.months}月，${d.area}纳入调度的重大项目${inv.projects}个，年度计划投资${wan(inv.plan)}万元，累计完成投资${wan(inv.completed)}万元，年度投资完成率${pct(inv.rate)}，序时进度${pct(inv.expected)}，${pts(inv.gapPoints)}。红灯项目${f.lights.counts.red}个、黄灯项目${f.lights.counts.yellow}个、绿灯项目${f.lights.counts.green}个。`,
  });

  body.push({ kind: 'heading', level: 1, text: '开工、竣工投产情况' });
  const flowText = BULLETIN_FLOWS.map((k) => {
    const x = f.flows[k];
    const target = x.progress.target === null ? '' : `，年度目标${x.progress.target}个，序时目标${x.progress.expected}个，${x.progress.status === 'ahead' ? '达到序时' : '未达序时'}`;
    return `${FLOW_NAMES[k]}项目本月${x.month}个、1—${f.months}月累计${x.ytd}个${target}`;
  });
  body.push({ kind: 'paragraph', text: `${flowText.join('；')}。` });
  body.push({
    kind: 'table',
    columns: ['类别', '本月', '累计', '年度目标', '序时目标', '完成率'],
    rows: BULLETIN_FLOWS.map((k) => {
      const x = f.flows[k];
      const r = x.progress.target ? pct(Math.round((x.ytd / x.progress.target) * 1000) / 10) : '—';
      return [FLOW_NAMES[k], String(x.month), String(x.ytd), x.progress.target === null ? '—' : String(x.progress.target), x.progress.expected === null ? '—' : String(x.progress.expected), r];
    }),
  });

  body.push({ kind: 'heading', level: 1, text: '各单位推进情况' });
  const first = f.ranking.filter((u) => u.rank !== null);
  body.push({
    kind: 'paragraph',
    text: first.length ? `按年度投资完成率排名，${first.slice(0, 3).map((u) => u.name).join('、')}位列前三；${first.length > 3 ? `${first.slice(-3).reverse().map((u) => u.name).join('、')}排名靠后` : '各单位情况见下表'}。` : '本月各单位尚无年度计划投资数据。',
  });
  body.push({
    kind: 'table',
    columns: ['名次', '单位', '项目数', '年度计划（万元）', '累计完成（万元）', '完成率', '较序时（百分点）', '红/黄灯'],
    widths: [1, 3, 1.2, 2, 2, 1.5, 1.8, 1.5],
    pt: 12,
    rows: f.ranking.map((u) => [u.rank === null ? '—' : String(u.rank), u.name, String(u.progress.projects), wan(u.progress.plan), wan(u.progress.completed), pct(u.progress.rate), u.progress.gapPoints === null ? '—' : u.progress.gapPoints.toFixed(1), `${u.red}/${u.yellow}`]),
  });

  body.push({ kind: 'heading', level: 1, text: '亮灯及“十快十慢”项目' });
  body.push({ kind: 'heading', level: 2, text: '红灯项目' });
  body.push({ kind: 'paragraph', text: `共${f.lights.counts.red}个：${list(f.lights.red)}。` });
  body.push({ kind: 'heading', level: 2, text: '黄灯项目' });
  body.push({ kind: 'paragraph', text: `共${f.lights.counts.yellow}个：${list(f.lights.yellow)}。` });
  body.push({ kind: 'heading', level: 2, text: '“十快”项目' });
  body.push({ kind: 'paragraph', text: f.fast.length ? f.fast.map((p, i) => `${i + 1}.${p.name}（${p.unitName}，完成率${pct(p.rate)}）`).join('；') + '。' : '无。' });
  body.push({ kind: 'heading', level: 2, text: '“十慢”项目' });
  body.push({ kind: 'paragraph', text: f.slow.length ? f.slow.map((p, i) => `${i + 1}.${p.name}（${p.unitName}，完成率${pct(p.rate)}）`).join('；') + '。' : '无。' });

  body.push({ kind: 'heading', level: 1, text: '存在问题' });
  const pr = f.problems;
  body.push({ kind: 'paragraph', text: `本月新增问题${pr.newThisMonth}个，办结销号${pr.closedThisMonth}个；目前未销号问题${pr.open}个，其中超期${pr.overdue}个。` });
  if (pr.byCategory.length) {
    body.push({ kind: 'table', columns: ['问题类别', '本月新增', '本月销号', '未销号', '超期'], rows: pr.byCategory.map((c) => [c.category, String(c.newThisMonth), String(c.closedThisMonth), String(c.open), String(c.overdue)]) });
  }

  body.push({ kind: 'heading', level: 1, text: '下一步工作' });
  (d.nextSteps ?? f.nextSteps).forEach((text, i) => body.push({ kind: 'paragraph', text: `${'一二三四五六七八九十'[i] ?? i + 1}是${text}` }));

  const annexRows = f.annex.rows.slice(0, ANNEX_CAP);
  const annexBody: Block[] = [
    {
      kind: 'table',
      columns: ['序号', '项目名称', '责任单位', '阶段', '年度计划（万元）', '累计完成（万元）', '完成率', '亮灯', '本月情况'],
      widths: [0.8, 3, 2, 1, 1.6, 1.6, 1.2, 1, 2.2],
      pt: 10.5,
      rows: annexRows.map((p, i) => [
        String(i + 1),
        p.name,
        p.unitName,
        stageName(p.stage),
        wan(p.plan),
        wan(p.completed),
        pct(p.plan > 0 ? Math.round((p.completed / p.plan) * 1000) / 10 : null),
        p.light ? LIGHT_NAMES[p.light] : '—',
        [p.actualStartDate?.startsWith(f.month) ? `${p.actualStartDate}开工` : '', p.actualCompletionDate?.startsWith(f.month) ? `${p.actualCompletionDate}竣工` : '', p.reason ?? ''].filter(Boolean).join('；'),
      ]),
    },
  ];
  const rest = f.annex.total - annexRows.length;
  annexBody.push({
    kind: 'paragraph',
    text: rest > 0 ? `本表列出红灯、黄灯项目及本月开工、竣工项目${annexRows.length}个，其余${rest}个见《月度进展表》（Excel）。` : `本表列出红灯、黄灯项目及本月开工、竣工项目共${annexRows.length}个；全部项目进展见《月度进展表》（Excel）。`,
  });

  return {
    docNumber: documentNumber('调度通报', f.year, d.seq),
    title: bulletinTitle(f, d.area),
    recipient: d.recipient ?? '各乡镇、园区管委会，县直各有关单位：',
    body,
    attachments: [`${f.year}年${f.months}月份重大项目进展情况表`],
    signature: { issuer: d.office, date: d.date },
    annexes: [{ title: `${f.year}年${f.months}月份重大项目进展情况表`, body: annexBody }],
    printed: { office: d.office, date: d.date },
  };
}
