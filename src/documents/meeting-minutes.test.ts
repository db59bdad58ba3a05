import { describe, expect, it } from 'vitest';
import { expectOfficialLayout } from '../../test/helpers/docx-layout.js';
import { SAMPLE_MINUTES } from '../../test/fixtures/official-documents.js';
import { meetingMinutesDocument, minutesFileName, minutesTitle } from './meeting-minutes.js';
import { renderOfficialDocument } from './official-document.js';

describe('会议纪要', () => {
  it('titles and names the file after the meeting', () => {
    expect(minutesTitle('经济区重大项目情况汇报会')).toBe('经济区重大项目情况汇报会纪要');
    expect(minutesTitle('县长办公会议')).toBe('县长办公会议纪要');
    expect(minutesTitle('项目推进')).toBe('项目推进会议纪要');
    expect(minutesTitle('某某纪要')).toBe('某某纪要');
    expect(minutesFileName({ title: 'a/b会' })).toBe('会议纪要-a_b会纪要.docx');
  });

  it('opens with date, place, chair and purpose, numbers decisions, lists actions and attendance last', () => {
    const doc = meetingMinutesDocument(SAMPLE_MINUTES);
    expect(doc.docNumber).toBe('纪要〔2026〕3号');
    expect(doc.title).toBe('经济区重大项目情况汇报会纪要');
    const texts = doc.body.map((b) => (b.kind === 'heading' || b.kind === 'paragraph' ? b.text : b.kind));
    expect(texts[0]).toBe(
      '2026年5月12日下午，李书记在县委常委会议室主持召开经济区重大项目情况汇报会。会议听取了新能源电池材料项目、港口物流园项目、海上风电运维基地的情况汇报，研究解决推进中的困难和问题，推动项目早签约、早开工、早投产。现将会议议定事项纪要如下。',
    );
    expect(texts.slice(1)).toEqual([
      '会议议定如下事项：',
      '关于新能源电池材料项目',
      '会议听取了招商局张局长关于该事项进展情况的汇报：项目已完成第三轮洽谈。',
      '1.会议议定：同意按会办意见调整用地规划。',
      '2.会议要求，经济区招商局（责任人：王强）负责5月底前完成签约，2026年5月31日前完成。',
      '关于港口物流园项目',
      '1.会议要求，经济区规划建设局负责6月下旬开工，2026年6月30日前完成。',
      '督办事项',
      '以上2项督办事项由XX港经济区管委会跟踪督办，请各责任单位按时限办理，并及时将办理情况书面反馈。',
      'table',
      '',
      '出席：李书记（县委），王强（经济区招商局）',
      '列席：赵工（经济区规划建设局）',
      '请假：王副县长',
    ]);
    const table = doc.body.find((b) => b.kind === 'table');
    expect(table && table.kind === 'table' && table.rows[1]).toEqual(['2', '6月下旬开工（港口物流园项目）', '经济区规划建设局', '—', '2026年6月30日']);
    expect(doc.printed).toEqual({ office: 'XX港经济区管委会', date: '2026-05-13' });
  });

  it('says so when nothing was decided, and works without chair, place or time', () => {
    const doc = meetingMinutesDocument({ ...SAMPLE_MINUTES, chair: null, place: null, startTime: null, agenda: [], present: [], observers: [], onLeave: [] });
    const texts = doc.body.map((b) => (b.kind === 'paragraph' ? b.text : b.kind));
    expect(texts[0]).toBe('2026年5月12日，召开经济区重大项目情况汇报会。会议研究了重大项目推进中的有关事项。现将会议议定事项纪要如下。');
    expect(texts).toContain('本次会议未形成议定事项。');
    expect(texts).not.toContain('督办事项');
  });

  it('is laid out as a 公文 (A4, margins, fonts, heading order, page numbers)', async () => {
    const { text } = await expectOfficialLayout(await renderOfficialDocument(meetingMinutesDocument(SAMPLE_MINUTES)), {
      title: '经济区重大项目情况汇报会纪要',
      headings: ['一、关于新能源电池材料项目', '二、关于港口物流园项目', '三、督办事项'],
    });
    expect(text).toContain('纪要〔2026〕3号');
    expect(text.indexOf('三、督办事项')).toBeLessThan(text.indexOf('出席：李书记（县委）'));
    expect(text).toContain('2026年5月13日印发');
  });
});
