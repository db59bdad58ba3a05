import type { Stage } from '../../core/stages.js';

/**
 * The demo world, part 2: about 80 projects of XX港经济区 across the four industries and every
 * stage, with two years of stage history, and the four projects in negotiation that the speech's
 * meeting heard. Deterministic (seeded), so two runs of `luodi demo` describe the same world.
 */
export interface DemoProject {
  name: string;
  industry: string;
  projectType: 'industrial' | 'infrastructure';
  builder: string;
  investorOrigin: string;
  /** 万元 */
  totalWan: number;
  landMu: number;
  leadUnit: string;
  leader: string;
  helper: string;
  supporting: string[];
  /** Stage path with dates (YYYY-MM-DD), first entry is the creation stage. */
  path: { stage: Stage; date: string; note?: string; reason?: string }[];
  planned: { sign?: string; start?: string; operation?: string };
  progress: string;
  level: 'provincial' | 'city' | 'county' | 'zone';
  fromSpeech?: boolean;
}

const INDUSTRIES = [
  { industry: '高端装备制造', items: ['海上风电装备', '数控机床', '船舶配套', '智能制造装备', '港口机械', '液压件', '工业机器人', '精密铸件'] },
  { industry: '新能源', items: ['氢能装备', '储能电池', '光伏组件', '海上风电运维基地', 'LNG冷能利用', '锂电材料', '充换电设施', '分布式光伏'] },
  { industry: '新材料', items: ['高性能铝合金', '碳纤维复合材料', '电子化学品', '特种钢材', '高分子材料', '功能薄膜', '稀土永磁', '玻纤制品'] },
  { industry: '港口物流', items: ['冷链物流中心', '保税仓储', '多式联运枢纽', '粮食储备库', '港口集疏运通道', '大宗商品交易中心', '航运服务中心', '危化品仓储'] },
];
const ORIGINS = ['上海', '苏州', '深圳', '宁波', '杭州', '青岛', '天津', '香港', '新加坡', '德国'];
const LEADERS = ['shuji', 'xianzhang', 'changwu', 'fenguan', 'zone-director'];
const HELPERS = ['zone-pmo', 'pmo'];
const SUPPORTING = ['zrzy', 'power', 'water', 'zjj', 'sthj', 'spj'];
const PROGRESS: Partial<Record<Stage, string[]>> = {
  negotiating: ['已完成第三轮洽谈，合作协议文本基本敲定', '投资方已实地考察两次，正在商谈土地价格', '用地规划调整方案报市局审批中'],
  signed: ['已签订投资协议，公司注册完成，正在办理立项备案', '土地招拍挂公告已发布', '正在开展环评、能评'],
  construction: ['1号厂房主体完工，2号厂房基础施工', '主体结构封顶，设备基础施工中', '桩基施工完成60%', '钢结构吊装完成，进入装修阶段'],
  completed: ['已通过竣工验收，设备调试中', '竣工验收备案完成，试生产准备'],
  operating: ['一期已投产，月产值约3000万元', '已达产，新增就业260人'],
  reserve: ['项目建议书编制中', '正在对接投资方，收集项目资料'],
};

/** Small deterministic PRNG (mulberry32). */
function rng(seed: number) {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(date) + days * 86_400_000).toISOString().slice(0, 10);
}

const ORDER: Stage[] = ['reserve', 'negotiating', 'signed', 'construction', 'completed', 'operating'];

export function demoProjects(today: string): DemoProject[] {
  const rand = rng(20241217);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const year = Number(today.slice(0, 4));
  const start = addDays(today, -730);
  const projects: DemoProject[] = [];
  // Final-stage mix: a healthy pipeline with some dropped.
  const finals: Stage[] = [
    ...Array<Stage>(12).fill('reserve'),
    ...Array<Stage>(14).fill('negotiating'),
    ...Array<Stage>(12).fill('signed'),
    ...Array<Stage>(20).fill('construction'),
    ...Array<Stage>(8).fill('completed'),
    ...Array<Stage>(8).fill('operating'),
    ...Array<Stage>(4).fill('dropped'),
  ];
  finals.forEach((final, i) => {
    const group = INDUSTRIES[i % INDUSTRIES.length]!;
    const item = group.items[Math.floor(i / INDUSTRIES.length) % group.items.length]!;
    const serial = Math.floor(i / (INDUSTRIES.length * group.items.length)) + 1;
    const name = `${item}项目${serial > 1 ? `（${['二', '三', '四'][serial - 2]}期）` : ''}`;
    const firstStage: Stage = final === 'reserve' || rand() < 0.6 ? 'reserve' : 'negotiating';
    const last = final === 'dropped' ? 'negotiating' : final;
    const steps = ORDER.slice(ORDER.indexOf(firstStage), Math.max(ORDER.indexOf(firstStage), ORDER.indexOf(last)) + 1);
    let date = addDays(start, Math.floor(rand() * 200));
    const path: DemoProject['path'] = [];
    for (const stage of steps) {
      path.push({ stage, date });
      date = addDays(date, 40 + Math.floor(rand() * 120));
      if (date > today) date = today;
    }
    if (final === 'dropped') path.push({ stage: 'dropped', date: addDays(path.at(-1)!.date, 60), reason: '投资方资金链紧张，终止洽谈' });
    // Keep every date in the past.
    for (const p of path) if (p.date > today) p.date = today;
    const totalWan = Math.round((5_000 + rand() * 295_000) / 100) * 100;
    projects.push({
      name,
      industry: group.industry,
      projectType: group.industry === '港口物流' && rand() < 0.4 ? 'infrastructure' : 'industrial',
      builder: `${pick(ORIGINS)}${item.slice(0, 2)}科技有限公司`,
      investorOrigin: pick(ORIGINS),
      totalWan,
      landMu: Math.round(20 + rand() * 480),
      leadUnit: 'zone',
      leader: pick(LEADERS),
      helper: pick(HELPERS),
      supporting: [pick(SUPPORTING), pick(SUPPORTING)].filter((v, k, a) => a.indexOf(v) === k),
      path,
      planned: {
        sign: ORDER.indexOf(last) < ORDER.indexOf('signed') ? `${year + 1}-0${1 + Math.floor(rand() * 3)}` : undefined,
        start: ORDER.indexOf(last) < ORDER.indexOf('construction') ? `${year + 1}-${String(4 + Math.floor(rand() * 8)).padStart(2, '0')}` : undefined,
        operation: ORDER.indexOf(last) < ORDER.indexOf('operating') ? `${year + 2}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}` : undefined,
      },
      progress: pick(PROGRESS[final] ?? PROGRESS.negotiating!),
      level: totalWan >= 100_000 ? 'city' : totalWan >= 50_000 ? 'county' : 'zone',
    });
  });

  // The speech's meeting: four projects in negotiation heard; sign by end of May, start in late
  // June, in production in the first half of the year after.
  const speech = [
    { name: '年产20万吨高端铝合金板带项目', industry: '新材料', builder: '江苏鼎晟新材料有限公司', totalWan: 320_000, landMu: 420, blocker: '土地规划调整' },
    { name: '海上风电装备制造基地项目', industry: '高端装备制造', builder: '上海海能重工有限公司', totalWan: 450_000, landMu: 600, blocker: '土地指标' },
    { name: '氢能综合利用产业园项目', industry: '新能源', builder: '深圳氢源动力科技有限公司', totalWan: 180_000, landMu: 260, blocker: '水电配套' },
    { name: '港口冷链物流综合体项目', industry: '港口物流', builder: '宁波港联冷链物流有限公司', totalWan: 95_000, landMu: 150, blocker: '水电配套' },
  ];
  for (const s of speech) {
    projects.push({
      name: s.name,
      industry: s.industry,
      projectType: 'industrial',
      builder: s.builder,
      investorOrigin: s.builder.slice(0, 2),
      totalWan: s.totalWan,
      landMu: s.landMu,
      leadUnit: 'zone',
      leader: 'fenguan',
      helper: 'zone-pmo',
      supporting: ['zrzy', 'power', 'water'],
      path: [
        { stage: 'reserve', date: addDays(today, -300) },
        { stage: 'negotiating', date: addDays(today, -150), note: '首轮洽谈' },
      ],
      planned: { sign: `${year + 1}-05`, start: `${year + 1}-06`, operation: `${year + 2}-06` },
      progress: `已开展多轮洽谈；制约因素：${s.blocker}，经济区正会同有关部门拿出解决方案`,
      level: 'city',
      fromSpeech: true,
    });
  }
  return projects;
}
