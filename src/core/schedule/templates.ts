import type { TemplateInput, TemplateNodeInput } from '../schemas/milestones.schema.js';
import { templateInputSchema } from '../schemas/milestones.schema.js';

/**
 * The milestone templates luodi ships (domain.md §2), editable by coordinators afterwards.
 * Durations are working days taken from the sources' typical figures; statutory limits are
 * working days because 行政许可法 art. 82 counts licensing limits in working days.
 */
const n = (node: TemplateNodeInput): TemplateNodeInput => node;

const ENTRY: TemplateNodeInput[] = [
  n({ code: 'sign', name: '签约（投资协议）', kind: 'approval', durationDays: 0, stage: 'signed' }),
  n({ code: 'register', name: '企业注册', kind: 'approval', ownerUnitHint: '市场监督管理局', durationDays: 5, dependsOn: ['sign'] }),
  n({ code: 'filing', name: '立项备案', kind: 'approval', ownerUnitHint: '发改', durationDays: 3, dependsOn: ['register'] }),
  n({ code: 'site', name: '用地预审与规划选址', kind: 'approval', ownerUnitHint: '自然资源和规划局', durationDays: 10, dependsOn: ['filing'] }),
  n({ code: 'land-sale', name: '招拍挂（摘牌）', kind: 'approval', ownerUnitHint: '自然资源和规划局', durationDays: 22, dependsOn: ['site'], statutoryNote: '挂牌约30日（公告20日+挂牌10日）' }),
];
const EIA = n({
  code: 'eia', name: '环评', kind: 'approval', ownerUnitHint: '生态环境', durationDays: 30, dependsOn: ['filing'], parallelGroup: 'pre-approvals', statutoryDays: 60,
  statutoryNote: '环境影响评价法第22条：报告书60日、报告表30日内审批；登记表备案',
});
const ENERGY = n({
  code: 'energy', name: '能评（节能审查）', kind: 'approval', ownerUnitHint: '发改', durationDays: 20, dependsOn: ['filing'], parallelGroup: 'pre-approvals',
  statutoryNote: '企业投资项目须在开工前取得节能审查意见',
});
const BUILD: TemplateNodeInput[] = [
  n({ code: 'start', name: '开工', kind: 'construction', durationDays: 0, dependsOn: ['construction-permit', 'energy', 'eia'], within: { after: 'construction-permit', months: 3 }, statutoryNote: '领取施工许可证后3个月内开工', stage: 'construction' }),
  n({ code: 'structure', name: '主体完工', kind: 'construction', durationDays: 120, dependsOn: ['start'] }),
  n({ code: 'equipment', name: '设备安装调试', kind: 'construction', durationDays: 60, dependsOn: ['structure'] }),
  n({ code: 'acceptance', name: '竣工验收', kind: 'construction', ownerUnitHint: '住建', durationDays: 15, dependsOn: ['equipment'], stage: 'completed' }),
  n({ code: 'production', name: '投产', kind: 'production', durationDays: 10, dependsOn: ['acceptance'], stage: 'operating' }),
  n({ code: 'full-production', name: '达产', kind: 'production', durationDays: 120, dependsOn: ['production'] }),
];

export const INDUSTRIAL_TEMPLATE: TemplateInput = templateInputSchema.parse({
  name: '产业项目（标准流程）',
  description: '签约 → 注册 → 立项备案 → 用地预审/选址 → 招拍挂 → 交地/产权证 → 环评、能评 → 用地规划许可证 → 工程规划许可证 → 施工图审查 → 施工许可证 → 开工 → 主体完工 → 设备调试 → 竣工验收 → 投产 → 达产',
  anchorCode: 'sign',
  nodes: [
    ...ENTRY,
    n({ code: 'land-cert', name: '交地及不动产权证', kind: 'approval', ownerUnitHint: '自然资源和规划局', durationDays: 10, dependsOn: ['land-sale'] }),
    EIA,
    ENERGY,
    n({ code: 'land-plan-permit', name: '建设用地规划许可证', kind: 'approval', ownerUnitHint: '自然资源和规划局', durationDays: 7, dependsOn: ['land-cert'], statutoryDays: 10 }),
    n({ code: 'eng-plan-permit', name: '建设工程规划许可证', kind: 'approval', ownerUnitHint: '自然资源和规划局', durationDays: 14, dependsOn: ['land-plan-permit'] }),
    n({ code: 'drawing-review', name: '施工图审查', kind: 'approval', ownerUnitHint: '住建', durationDays: 10, dependsOn: ['eng-plan-permit'] }),
    n({ code: 'construction-permit', name: '施工许可证', kind: 'approval', ownerUnitHint: '住建', durationDays: 7, dependsOn: ['drawing-review'] }),
    ...BUILD,
  ],
});

/** 拿地即开工: design review before the land sale; the four permits issued together at it. */
export const FAST_TRACK_TEMPLATE: TemplateInput = templateInputSchema.parse({
  name: '产业项目（拿地即开工）',
  description: '方案预审与土地出让同步；摘牌时同步核发用地规划、工程规划、不动产权、施工许可等证书',
  anchorCode: 'sign',
  nodes: [
    ...ENTRY.map((x) => (x.code === 'land-sale' ? { ...x, dependsOn: ['site', 'drawing-review'] } : x)),
    n({ code: 'drawing-review', name: '设计方案及施工图预审', kind: 'approval', ownerUnitHint: '住建', durationDays: 10, dependsOn: ['filing'] }),
    EIA,
    ENERGY,
    ...(['land-cert:交地及不动产权证', 'land-plan-permit:建设用地规划许可证', 'eng-plan-permit:建设工程规划许可证', 'construction-permit:施工许可证'] as const).map((s) => {
      const [code, name] = s.split(':') as [string, string];
      return n({ code, name, kind: 'approval', ownerUnitHint: '自然资源和规划局', durationDays: 5, dependsOn: ['land-sale'], parallelGroup: 'with-land-sale', statutoryNote: '拿地即开工：摘牌后同步核发' });
    }),
    ...BUILD,
  ],
});

/** Government-funded infrastructure: no signing; anchored on the approval of the proposal. */
export const INFRASTRUCTURE_TEMPLATE: TemplateInput = templateInputSchema.parse({
  name: '基础设施项目',
  description: '立项（可研批复）→ 用地预审/选址 → 初步设计批复 → 施工图审查 → 招标 → 施工许可证 → 开工 → 主体完工 → 竣工验收 → 交付使用',
  anchorCode: 'approval',
  nodes: [
    n({ code: 'approval', name: '立项（可研批复）', kind: 'approval', ownerUnitHint: '发改', durationDays: 0 }),
    n({ code: 'site', name: '用地预审与规划选址', kind: 'approval', ownerUnitHint: '自然资源和规划局', durationDays: 10, dependsOn: ['approval'] }),
    n({ code: 'preliminary-design', name: '初步设计批复', kind: 'approval', ownerUnitHint: '发改', durationDays: 20, dependsOn: ['approval'] }),
    n({ code: 'drawing-review', name: '施工图审查', kind: 'approval', ownerUnitHint: '住建', durationDays: 10, dependsOn: ['preliminary-design', 'site'] }),
    n({ code: 'tender', name: '施工招标', kind: 'approval', ownerUnitHint: '公共资源交易', durationDays: 25, dependsOn: ['drawing-review'] }),
    n({ code: 'construction-permit', name: '施工许可证', kind: 'approval', ownerUnitHint: '住建', durationDays: 7, dependsOn: ['tender'] }),
    n({ code: 'start', name: '开工', kind: 'construction', durationDays: 0, dependsOn: ['construction-permit'], within: { after: 'construction-permit', months: 3 }, statutoryNote: '领取施工许可证后3个月内开工', stage: 'construction' }),
    n({ code: 'structure', name: '主体完工', kind: 'construction', durationDays: 150, dependsOn: ['start'] }),
    n({ code: 'acceptance', name: '竣工验收', kind: 'construction', ownerUnitHint: '住建', durationDays: 15, dependsOn: ['structure'], stage: 'completed' }),
    n({ code: 'handover', name: '交付使用', kind: 'production', durationDays: 5, dependsOn: ['acceptance'], stage: 'operating' }),
  ],
});

export const SHIPPED_TEMPLATES = [
  { key: 'industrial', template: INDUSTRIAL_TEMPLATE },
  { key: 'fast-track', template: FAST_TRACK_TEMPLATE },
  { key: 'infrastructure', template: INFRASTRUCTURE_TEMPLATE },
] as const;
