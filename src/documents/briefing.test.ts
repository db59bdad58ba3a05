import { describe, expect, it } from 'vitest';
import { FACTS } from '../../test/fixtures/official-documents.js';
import { expectOfficialLayout } from '../../test/helpers/docx-layout.js';
import { briefingDocument, briefingFileName } from './briefing.js';
import { renderOfficialDocument } from './official-document.js';

describe('汇报材料', () => {
  const data = { ...FACTS, office: 'XX港经济区管委会' };

  it('is a 公文 with the five parts in order and its figures in a table', async () => {
    const { text } = await expectOfficialLayout(await renderOfficialDocument(briefingDocument(data)), {
      title: '关于XX港经济区重大项目推进情况的汇报',
      headings: ['一、总体情况', '二、主要成效', '三、重点推进项目', '（一）推动在谈项目尽快签约', '（二）力促签约项目早日开工', '四、存在问题', '五、下步工作建议'],
    });
    const order = ['一、总体情况', '二、主要成效', '三、重点推进项目', '（一）推动在谈项目尽快签约', '（二）力促签约项目早日开工', '四、存在问题', '五、下步工作建议'];
    const at = order.map((h) => text.indexOf(h));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(text).toContain('签约项目（个）');
    expect(text).toContain('年度计划投资20.00亿元，累计完成5.00亿元，完成率25%，低于序时进度（33.3%）8.3个百分点。');
    expect(text).toContain('一是对照年度目标和序时进度');
    expect(text).toContain('2026年5月12日');
    expect(text).toContain('供修改完善后使用');
  });

  it('names the file after the unit and date', () => {
    expect(briefingFileName(data)).toBe('汇报材料-XX港经济区-2026-05-12.docx');
  });
});
