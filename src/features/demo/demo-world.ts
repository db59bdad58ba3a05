import type { Role } from '../../core/roles.js';
import type { UnitType } from '../../core/schemas/units.schema.js';

/**
 * The demo world of PRODUCT.md, part 1: the units and people of "XX港经济区" in a coastal
 * county. Later capabilities add projects, plans, reports and meetings on top of these.
 */
export interface DemoUnit {
  key: string;
  name: string;
  shortName?: string;
  type: UnitType;
  parent: string | null;
}

export const DEMO_ROOT_NAME = 'XX县';

export const DEMO_UNITS: DemoUnit[] = [
  { key: 'county', name: DEMO_ROOT_NAME, type: 'county', parent: null },
  { key: 'zone', name: 'XX港经济区管委会', shortName: '经济区', type: 'zone', parent: 'county' },
  { key: 'pmo', name: '县重大项目推进办公室', shortName: '项目办', type: 'department', parent: 'county' },
  { key: 'fgj', name: '县发展和改革局', shortName: '发改局', type: 'department', parent: 'county' },
  { key: 'zrzy', name: '县自然资源和规划局', shortName: '自然资源和规划局', type: 'department', parent: 'county' },
  { key: 'zjj', name: '县住房和城乡建设局', shortName: '住建局', type: 'department', parent: 'county' },
  { key: 'sthj', name: '市生态环境局XX分局', shortName: '生态环境分局', type: 'department', parent: 'county' },
  { key: 'zsj', name: '县投资促进局（招商局）', shortName: '招商局', type: 'department', parent: 'county' },
  { key: 'spj', name: '县行政审批局', shortName: '行政审批局', type: 'department', parent: 'county' },
  { key: 'jrb', name: '县地方金融工作办公室', shortName: '金融办', type: 'department', parent: 'county' },
  { key: 'rsj', name: '县人力资源和社会保障局', shortName: '人社局', type: 'department', parent: 'county' },
  { key: 'gxj', name: '县工业和信息化局', shortName: '工信局', type: 'department', parent: 'county' },
  { key: 'kpb', name: '县考核办', shortName: '考核办', type: 'department', parent: 'county' },
  { key: 'power', name: '国网XX县供电公司', shortName: '供电公司', type: 'state-company', parent: 'county' },
  { key: 'water', name: 'XX县水务集团有限公司', shortName: '水务集团', type: 'state-company', parent: 'county' },
  { key: 'town', name: 'XX港镇人民政府', shortName: 'XX港镇', type: 'town', parent: 'county' },
  { key: 'zone-invest', name: '经济区招商服务中心', shortName: '经济区招商中心', type: 'department', parent: 'zone' },
  { key: 'zone-build', name: '经济区规划建设局', shortName: '经济区建设局', type: 'department', parent: 'zone' },
];

export interface DemoPerson {
  username: string;
  displayName: string;
  title: string;
  unit: string;
  role: Role;
  phone: string;
}

export const DEMO_PEOPLE: DemoPerson[] = [
  { username: 'demo-sysadmin', displayName: '系统管理员', title: '信息中心工程师', unit: 'county', role: 'system-admin', phone: '0513-80000001' },
  { username: 'demo-secadmin', displayName: '安全管理员', title: '信息中心安全员', unit: 'county', role: 'security-admin', phone: '0513-80000002' },
  { username: 'demo-auditor', displayName: '审计管理员', title: '信息中心审计员', unit: 'county', role: 'audit-admin', phone: '0513-80000003' },
  { username: 'shuji', displayName: '王建国', title: '县委书记', unit: 'county', role: 'leader', phone: '13800000001' },
  { username: 'xianzhang', displayName: '李志强', title: '县长', unit: 'county', role: 'leader', phone: '13800000002' },
  { username: 'changwu', displayName: '张明', title: '常务副县长', unit: 'county', role: 'leader', phone: '13800000003' },
  { username: 'fenguan', displayName: '赵海涛', title: '分管副县长（经济区）', unit: 'county', role: 'leader', phone: '13800000004' },
  { username: 'zone-director', displayName: '陈立新', title: '经济区管委会主任', unit: 'zone', role: 'leader', phone: '13800000005' },
  // The county's 项目办 coordinates the whole county, so its account sits at the county (an account in
  // the office's own unit would see only that unit's projects).
  { username: 'pmo', displayName: '刘洋', title: '县重大项目推进办公室副主任', unit: 'county', role: 'coordinator', phone: '13800000006' },
  { username: 'zone-pmo', displayName: '孙倩', title: '经济区项目科科长', unit: 'zone', role: 'coordinator', phone: '13800000007' },
  { username: 'zrzy', displayName: '周峰', title: '自然资源和规划局用地科科长', unit: 'zrzy', role: 'unit-staff', phone: '13800000008' },
  { username: 'power', displayName: '吴磊', title: '供电公司客户服务中心主任', unit: 'power', role: 'unit-staff', phone: '13800000009' },
  { username: 'zsj', displayName: '郑婷', title: '招商局项目专员', unit: 'zsj', role: 'unit-staff', phone: '13800000010' },
  { username: 'kpb', displayName: '冯静', title: '考核办科员', unit: 'kpb', role: 'viewer', phone: '13800000011' },
];
