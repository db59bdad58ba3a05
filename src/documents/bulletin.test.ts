import { describe, expect, it } from 'vitest';
import { bulletinFigures, type BulletinInput, type BulletinProject } from '../core/bulletin/figures.js';
import { ANNEX_CAP, bulletinDocument, bulletinFileName } from './bulletin.js';
import { readPackageParts, wordText } from './docx-parts.js';
import { renderOfficialDocument } from './official-document.js';

const wan = (x: number) => x * 10_000;
const p = (i: number, light: BulletinProject['light']): BulletinProject => ({ id: `p${i}`, name: `项目${i}`, unitName: '经济区', stage: 'construction', plan: wan(100), completed: wan(50), light, reason: light === 'red' ? '投资低于序时30个百分点以上' : null });

const input = (annex: BulletinProject[], total = annex.length): BulletinInput => ({
  month: '2026-10',
  asOf: '2026-10-27',
  unit: { id: 'r', name: 'XX县', path: '/r/' },
  rankGroups: [{ id: 'z', name: '经济区', path: '/r/z/' }],
  rankParentPath: '/r/',
  leadUnits: [{ path: '/r/z/', plan: wan(1000), completed: wan(500), projects: 2, red: 1, yellow: 0 }],
  flows: { sign: { month: 0, ytd: 3 }, start: { month: 1, ytd: 4 }, complete: { month: 0, ytd: 1 }, operate: { month: 0, ytd: 0 } },
  targets: null,
  lights: { counts: { red: 1, yellow: 0, green: 1 }, red: [p(1, 'red')], yellow: [] },
  fast: [p(2, 'green')],
  slow: [p(1, 'red')],
  problems: { newThisMonth: 1, closedThisMonth: 0, open: 1, overdue: 0, byCategory: [{ category: '资金', newThisMonth: 1, closedThisMonth: 0, open: 1, overdue: 0 }] },
  annex: { rows: annex, total },
});

async function text(doc: ReturnType<typeof bulletinDocument>) {
  const xml = (await readPackageParts(await renderOfficialDocument(doc), ['word/document.xml']))['word/document.xml']!;
  return { xml, text: wordText(xml) };
}

describe('调度通报 document', () => {
  it('has the title, 主送, the six sections in order and the annex table', async () => {
    const f = bulletinFigures(input([p(1, 'red')]));
    const { text: t, xml } = await text(bulletinDocument({ figures: f, area: '全县', office: 'XX县重大项目推进办公室', seq: 10, date: '2026-10-28', nextSteps: ['抓紧办理港区供地。'] }));
    expect(t).toContain('关于2026年10月份全县重大项目推进情况的通报');
    expect(t).toContain('调度通报〔2026〕10号');
    expect(t).toContain('各乡镇、园区管委会，县直各有关单位：');
    const order = ['一、总体情况', '二、开工、竣工投产情况', '三、各单位推进情况', '四、亮灯及“十快十慢”项目', '五、存在问题', '六、下一步工作', '附件：2026年10月份重大项目进展情况表'].map((h) => t.indexOf(h));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // 1000万 planned, 500万 done: 50.0 % against 83.3 % → 33.3 points behind.
    expect(t).toContain('年度计划投资1,000万元，累计完成投资500万元，年度投资完成率50.0%，序时进度83.3%，低于序时33.3个百分点');
    expect(t).toContain('一是抓紧办理港区供地。');
    expect(t).toContain('项目1（经济区）');
    // The annex starts a new page and lists the red project with its reason.
    expect(xml).toContain('<w:pageBreakBefore/>');
    expect(t.slice(t.lastIndexOf('附件'))).toMatch(/项目1\n经济区\n开工\n100\n50\n50\.0%\n红灯\n投资低于序时30个百分点以上/);
    expect(bulletinFileName(f, '全县')).toBe('调度通报-2026年10月-全县.docx');
  });

  it('caps the annex and points to the 月度进展表 for the rest', async () => {
    const rows = Array.from({ length: ANNEX_CAP + 5 }, (_, i) => p(i, 'yellow'));
    const { text: t, xml } = await text(bulletinDocument({ figures: bulletinFigures(input(rows, 5000)), area: '全县', office: '项目办', seq: 1, date: '2026-10-28' }));
    // A long annex is written as text (raw-table.ts): the header repeats on every page, the marker is gone.
    expect(xml).toContain('<w:tblHeader/>');
    expect(xml).not.toContain('LUODI-RAW-TABLE');
    expect(t).toContain(`项目${ANNEX_CAP - 1}\n`);
    expect(t).not.toContain(`项目${ANNEX_CAP}\n`);
    expect(t).toContain(`本表列出红灯、黄灯项目及本月开工、竣工项目${ANNEX_CAP}个，其余${5000 - ANNEX_CAP}个见《月度进展表》（Excel）。`);
  });
});
