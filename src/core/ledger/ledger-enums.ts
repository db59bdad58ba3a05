import type { NATURES, PROJECT_LEVELS, PROJECT_TYPES } from '../schemas/projects.schema.js';
import { STAGE_LABELS, STAGES, type Stage } from '../stages.js';
import { memoize, toHalfWidth } from './ledger-text.js';

/**
 * Ledger words → the project record's enum values (src/core/stages.ts and
 * src/core/schemas/projects.schema.ts are the sources of the value lists).
 */

/** 批次/阶段: 储备 → 在谈 → 签约 → 开工 → 竣工 → 投产, and 终止. */
export const LEDGER_STAGES = STAGES;
export type LedgerStage = Stage;
/** 项目级别. */
export type ProjectLevel = (typeof PROJECT_LEVELS)[number];
/** 项目类型. */
export type ProjectType = (typeof PROJECT_TYPES)[number];
/** 建设性质. */
export type ProjectNature = (typeof NATURES)[number];

export const STAGE_ZH = Object.fromEntries(STAGES.map((s) => [s, STAGE_LABELS[s].zh])) as Record<LedgerStage, string>;

/**
 * Stage words, checked in this order. Negated or planned forms come first ("签约未开工" is
 * signed, "拟签约" is still negotiating, "计划新开工" says nothing certain). Otherwise the latest
 * stage named wins: "竣工投产" → operating.
 */
const STAGE_RULES: ReadonlyArray<readonly [RegExp, LedgerStage | null]> = [
  [/签约未开工|已签约待开工|签约待开工|已签约未开工/, 'signed'],
  [/(未|待|拟|计划|预计|准备)(新)?开工/, null],
  [/(未|待|拟|计划|预计|准备)签约/, 'negotiating'],
  [/(未|待|拟|计划|预计)(竣工|投产|建成|完工)/, 'construction'],
  [/终止|放弃|退出|中止|取消|停止/, 'dropped'],
  [/投产|达产|运营|投运|投用|试生产|营业/, 'operating'],
  [/竣工|建成|完工/, 'completed'],
  [/新开工|开工|在建|续建|施工|建设中|新建/, 'construction'],
  [/签约|已签|签订|落地/, 'signed'],
  [/在谈|洽谈|跟踪|对接|意向|招引|商谈|磋商|考察/, 'negotiating'],
  [/储备|谋划|前期|预备|策划|论证/, 'reserve'],
];

/**
 * A stage from a cell or a section title: a stage, null when the text names a stage only as
 * planned ("计划新开工项目"), or undefined when it names none.
 */
export function stageFromText(text: string): LedgerStage | null | undefined {
  return stageMemo(text).stage;
}
const stageMemo = memoize((text: string): { stage: LedgerStage | null | undefined } => {
  const t = toHalfWidth(text).replace(/\s+/g, '');
  for (const [re, stage] of STAGE_RULES) if (re.test(t)) return { stage };
  return { stage: undefined };
});

/** 项目级别: the highest level named ("省市重点" → provincial). */
export function levelFromText(text: string): ProjectLevel | undefined {
  return levelMemo(text).level;
}
const levelMemo = memoize((text: string): { level: ProjectLevel | undefined } => ({ level: levelOf(text) }));

function levelOf(text: string): ProjectLevel | undefined {
  const t = toHalfWidth(text).replace(/\s+/g, '');
  if (/国家|中央|国字号|部级/.test(t)) return 'national';
  if (/省/.test(t)) return 'provincial';
  if (/市|州|盟/.test(t)) return 'city';
  if (/园区|经济区|开发区|高新区|产业园|管委会|新区|港区/.test(t)) return 'zone';
  if (/县|区|旗/.test(t)) return 'county';
  return undefined;
}

const TYPE_RULES: ReadonlyArray<readonly [RegExp, ProjectType]> = [
  [/社会事业|教育|卫生|医疗|医院|文化|体育|养老|学校/, 'social'],
  [/民生|保障房|安居|棚改|惠民/, 'livelihood'],
  [/基础设施|基建|交通|能源|水利|市政|城建|城市建设|公路|道路|管网|港口|铁路|机场|电网/, 'infrastructure'],
  [/农业|农村|林业|渔业|畜牧|乡村|种植|养殖/, 'agriculture'],
  [/服务业|商贸|物流|文旅|旅游|金融|现代服务|商业|电商/, 'service'],
  [/产业|工业|制造|企业|技改/, 'industrial'],
];

/** 项目类型; anything unrecognised is 'other' (a legitimate category). */
export function projectTypeFromText(text: string): ProjectType {
  return typeMemo(text);
}
const typeMemo = memoize((text: string): ProjectType => {
  const t = toHalfWidth(text).replace(/\s+/g, '');
  for (const [re, type] of TYPE_RULES) if (re.test(t)) return type;
  return 'other';
});

/** 建设性质. */
export function natureFromText(text: string): ProjectNature | undefined {
  return natureMemo(text).nature;
}
const natureMemo = memoize((text: string): { nature: ProjectNature | undefined } => ({ nature: natureOf(text) }));

function natureOf(text: string): ProjectNature | undefined {
  const t = toHalfWidth(text).replace(/\s+/g, '');
  if (/改扩建|扩建/.test(t)) return 'expansion';
  if (/迁建|搬迁|易地|异地/.test(t)) return 'relocation';
  if (/改建|技改|技术改造|改造|提升/.test(t)) return 'renovation';
  if (/恢复|重建/.test(t)) return 'restoration';
  if (/购置/.test(t)) return 'purchase';
  if (/新建/.test(t)) return 'new';
  return undefined;
}
