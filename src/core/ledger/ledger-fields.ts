import type { UnitDimension } from './ledger-units.js';

/**
 * The import target fields of a ledger (台账) and how their column headers are spelled in the
 * wild. Keys are the project record's API names (src/core/schemas/projects.schema.ts), plus:
 * - `seq` (序号): recognised so it is not reported as unknown, never imported;
 * - `signDate` / `startDate` / `completionDate` / `operationDate`: a bare "开工时间" column with
 *   no 计划/实际 — resolved per row into the planned or the actual field (see ledger-row.ts);
 * - `constructionPeriod` (建设起止年限): split into a start and a completion date;
 * - `annualCompletionRate` (年度投资完成率): only cross-checked against ytd ÷ annual plan;
 * - `version` / `id`: the hidden `__version` / `__id` columns our export writes, for conflict
 *   detection on re-import.
 *
 * Matching runs on normalised header text (ledger-text.ts normalizeHeader, units removed):
 * `exact` must equal the whole text, `contains` may sit inside it, `patterns` are regexes;
 * `not` vetoes a contains/pattern match (e.g. "开工以来累计完成" is not the year-to-date figure).
 */
export type FieldKind =
  | 'seq'
  | 'text'
  | 'code'
  | 'creditCode'
  | 'enum'
  | 'stage'
  | 'money'
  | 'area'
  | 'count'
  | 'percent'
  | 'date'
  | 'dateAuto'
  | 'period'
  | 'units'
  | 'person'
  | 'contact'
  | 'phone'
  | 'integer';

export interface LedgerFieldDef {
  key: string;
  label: string;
  labelEn: string;
  kind: FieldKind;
  exact: readonly string[];
  contains?: readonly string[];
  patterns?: readonly RegExp[];
  not?: RegExp;
  /** For money/area/count/percent: the unit dimension, whose default unit applies (万元, 亩 …). */
  dimension?: UnitDimension;
  /** For enum fields. */
  enumOf?: 'level' | 'projectType' | 'nature';
  /** For dateAuto: the planned and actual fields, and the stage from which the date is actual. */
  auto?: { planned: DateKey; actual: DateKey; actualFrom: 'signed' | 'construction' | 'completed' | 'operating' };
  /** Text length limit of the project record (longer is an error). */
  maxLength?: number;
  required?: boolean;
  /** Hidden technical columns match their header text verbatim. */
  verbatim?: boolean;
}

export type DateKey =
  | 'plannedSignDate'
  | 'actualSignDate'
  | 'plannedStartDate'
  | 'actualStartDate'
  | 'plannedCompletionDate'
  | 'actualCompletionDate'
  | 'plannedOperationDate'
  | 'actualOperationDate'
  | 'statsEnteredDate';

const DATE_NOT = /金额|额|企业|主体|情况|地点|条件|手续|以来|率|要求|计划书|进度|内容/;

export const LEDGER_FIELDS = [
  { key: 'seq', label: '序号', labelEn: 'No.', kind: 'seq', exact: ['序号', '序', '编号', 'no', '顺序号', '项目序号'] },
  {
    key: 'code',
    label: '项目代码',
    labelEn: 'Project code',
    kind: 'code',
    exact: ['项目代码', '项目编码', '统一项目代码', '赋码', '代码', '项目统一代码', '投资项目代码', '项目赋码', '备案代码', '项目代码赋码', '项目统一编码', '审批代码'],
    contains: ['项目代码', '项目编码', '统一代码', '平台代码', '赋码'],
  },
  {
    key: 'name',
    label: '项目名称',
    labelEn: 'Project name',
    kind: 'text',
    required: true,
    maxLength: 200,
    exact: ['项目名称', '项目', '名称', '项目名', '工程名称', '项目全称', '项目工程名称'],
    contains: ['项目名称', '工程名称'],
  },
  { key: 'level', label: '项目级别', labelEn: 'Level', kind: 'enum', enumOf: 'level', exact: ['项目级别', '级别', '项目层级', '层级', '重点级别', '项目等级', '重点类别', '重点项目级别', '项目级次'], contains: ['级别', '层级'] },
  {
    key: 'industry',
    label: '行业/产业链',
    labelEn: 'Industry',
    kind: 'text',
    maxLength: 50,
    exact: ['行业', '产业链', '所属产业', '所属行业', '产业', '行业类别', '产业类别', '所属产业链', '行业领域', '产业方向', '产业类型', '所属领域', '行业分类', '产业分类', '主导产业', '产业领域'],
    contains: ['产业链', '所属产业', '所属行业', '行业'],
  },
  { key: 'projectType', label: '项目类型', labelEn: 'Project type', kind: 'enum', enumOf: 'projectType', exact: ['项目类型', '类型', '项目类别', '类别', '项目分类', '分类', '项目属性'], contains: ['项目类型', '项目类别'] },
  { key: 'nature', label: '建设性质', labelEn: 'Nature of construction', kind: 'enum', enumOf: 'nature', exact: ['建设性质', '性质', '建设类型', '新建扩建'], contains: ['建设性质'] },
  {
    key: 'stage',
    label: '批次/阶段',
    labelEn: 'Stage',
    kind: 'stage',
    exact: ['批次', '阶段', '项目状态', '状态', '项目阶段', '推进阶段', '所处阶段', '当前阶段', '项目批次', '建设阶段', '进展阶段', '新开工续建', '续建新开工', '新建续建', '续建新建', '项目进展阶段', '所属批次', '建设状态'],
    contains: ['批次', '项目阶段', '项目状态', '所处阶段'],
  },
  {
    key: 'builder',
    label: '建设单位',
    labelEn: 'Builder (owner)',
    kind: 'text',
    maxLength: 200,
    exact: ['建设单位', '业主单位', '项目单位', '实施主体', '项目业主', '业主', '实施单位', '建设主体', '项目建设单位', '项目实施单位', '项目法人', '项目法人单位', '企业名称', '投资建设单位', '项目承担单位', '承担单位', '建设业主', '项目建设主体', '项目实施主体'],
    contains: ['建设单位', '业主单位', '项目单位', '实施主体', '项目法人', '实施单位', '建设主体'],
  },
  { key: 'builderCreditCode', label: '统一社会信用代码', labelEn: 'Builder credit code', kind: 'creditCode', exact: ['统一社会信用代码', '信用代码', '社会信用代码', '统一信用代码', '组织机构代码'], contains: ['信用代码'] },
  {
    key: 'investor',
    label: '投资方',
    labelEn: 'Investor',
    kind: 'text',
    maxLength: 200,
    exact: ['投资方', '投资主体', '投资企业', '投资商', '投资者', '签约企业', '投资单位', '招商企业', '合作方', '签约主体', '签约单位', '投资方名称', '客商', '客商名称'],
    contains: ['投资方', '投资主体', '投资企业', '投资商', '签约企业'],
    not: /来源|所在地|地区/,
  },
  { key: 'investorOrigin', label: '投资来源地', labelEn: 'Investor origin', kind: 'text', maxLength: 100, exact: ['来源地', '投资来源地', '投资方来源地', '客商来源地', '资金来源地', '投资方所在地', '企业来源地', '投资来源', '客商来源', '投资方所属地区', '来源'], contains: ['来源地'] },
  {
    key: 'contactName',
    label: '联系人',
    labelEn: 'Contact person',
    kind: 'contact',
    maxLength: 50,
    exact: ['联系人', '企业联系人', '项目联系人', '联系人姓名', '负责人', '项目负责人', '企业负责人', '联系人及电话', '联系人及联系方式', '联系人电话', '企业联系人及电话', '联系人联系方式', '联系人及手机', '项目联系人及电话', '负责人及电话'],
    contains: ['联系人'],
  },
  {
    key: 'contactPhone',
    label: '联系电话',
    labelEn: 'Contact phone',
    kind: 'phone',
    maxLength: 50,
    exact: ['联系电话', '联系方式', '电话', '手机', '手机号', '手机号码', '联系手机', '电话号码', '企业联系电话', '联系人手机', '办公电话'],
    contains: ['电话', '联系方式', '手机'],
  },
  {
    key: 'location',
    label: '建设地点',
    labelEn: 'Location',
    kind: 'text',
    maxLength: 200,
    exact: ['建设地点', '项目地点', '所在地', '项目所在地', '建设地址', '项目地址', '地点', '所在乡镇', '所在园区', '选址', '项目选址', '建设位置', '所在区域', '坐落', '实施地点', '所属乡镇', '乡镇', '乡镇园区', '所在乡镇园区', '项目位置', '属地', '所属区域'],
    contains: ['建设地点', '项目地点', '所在地', '地址', '选址', '所在乡镇'],
  },
  {
    key: 'landArea',
    label: '用地面积',
    labelEn: 'Land area',
    kind: 'area',
    dimension: 'land',
    exact: ['用地面积', '用地', '占地面积', '土地面积', '用地规模', '新增用地', '用地需求', '供地面积', '用地指标', '占地', '新增用地面积', '规划用地面积', '净用地面积', '总用地面积'],
    contains: ['用地面积', '占地面积', '土地面积', '用地'],
    not: /预审|手续|许可|审批|批复|性质|情况|保障|来源|问题|状态|时间|方式|单位/,
  },
  { key: 'floorArea', label: '建筑面积', labelEn: 'Floor area', kind: 'area', dimension: 'floor', exact: ['建筑面积', '总建筑面积', '建设面积', '厂房面积', '规划建筑面积'], contains: ['建筑面积'] },
  {
    key: 'scale',
    label: '建设内容及规模',
    labelEn: 'Scope and scale',
    kind: 'text',
    maxLength: 2000,
    exact: ['建设内容及规模', '建设内容', '建设规模', '主要建设内容', '建设内容和规模', '项目概况', '项目简介', '建设规模及内容', '主要建设内容及规模', '项目内容', '建设内容与规模', '规模', '项目基本情况', '主要内容'],
    contains: ['建设内容', '建设规模', '项目概况', '项目简介', '主要内容'],
  },
  {
    key: 'totalInvestment',
    label: '总投资',
    labelEn: 'Total investment',
    kind: 'money',
    dimension: 'money',
    exact: ['总投资', '计划总投资', '项目总投资', '总投资额', '投资总额', '概算总投资', '估算总投资', '投资规模', '总投资合计', '协议投资', '协议投资额', '签约金额', '签约额', '合同投资额', '预计总投资', '拟投资', '拟投资额', '计划投资总额'],
    contains: ['总投资', '投资总额', '投资规模', '协议投资'],
    not: /率|%|比例|完成|到位|固定资产|其中|本年|年度/,
  },
  {
    key: 'fixedAssetInvestment',
    label: '固定资产投资',
    labelEn: 'Fixed-asset investment',
    kind: 'money',
    dimension: 'money',
    exact: ['固定资产投资', '固定资产投资额', '固投', '固定资产', '其中固定资产投资', '固定资产投资总额', '总投资固定资产投资'],
    contains: ['固定资产投资', '固投'],
    not: /完成|率|本年|年度|累计|计划/,
  },
  { key: 'fundingSource', label: '资金来源', labelEn: 'Funding source', kind: 'text', maxLength: 200, exact: ['资金来源', '资金筹措', '资金渠道', '资金来源及构成', '融资方式', '资金筹措方式', '资金来源渠道', '资金构成', '筹资方式'], contains: ['资金来源', '资金筹措'] },
  {
    key: 'annualPlanInvestment',
    label: '年度计划投资',
    labelEn: 'Annual planned investment',
    kind: 'money',
    dimension: 'money',
    exact: ['年度计划投资', '本年计划投资', '年度计划', '年计划投资', '年度投资计划', '本年度计划投资', '计划投资', '今年计划投资', '年度计划完成投资', '本年计划完成投资', '年度投资', '本年度投资计划', '计划完成投资', '当年计划投资', '年度计划投资额', '本年投资计划'],
    patterns: [/^(\d{4}年度?|本年度?|今年|当年|年度)(计划|投资计划|计划投资|计划完成投资|计划完成|投资)(额)?$/],
    contains: ['年度计划投资', '本年计划投资', '年度投资计划'],
    not: /完成率|累计|\d月|比例|%/,
  },
  {
    key: 'ytdInvestment',
    label: '本年累计完成投资',
    labelEn: 'Year-to-date investment',
    kind: 'money',
    dimension: 'money',
    exact: ['本年累计完成投资', '本年完成投资', '年度累计完成投资', '累计完成投资', '本年累计完成', '年度累计完成', '本年度累计完成投资', '完成投资', '累计完成', '已完成投资', '今年完成投资', '年度完成投资', '本年已完成投资', '实际完成投资', '截至目前完成投资', '完成额', '年度完成', '本年完成', '完成', '累计完成额', '本年累计完成额'],
    patterns: [
      /^(\d{4}年度?)?(1-)?\d{1,2}月(份|底|末)?(累计)?(实际)?完成(投资)?(额|情况)?$/,
      /^截[至止](目前|当前|\d{1,2}月(底|末)?)(累计)?(实际)?完成(投资)?(额)?$/,
      /^(\d{4}年度?|本年度?|今年|当年|年度)(累计)?(实际)?完成(投资)?(额)?$/,
    ],
    contains: ['本年累计完成', '年度累计完成', '累计完成投资'],
    not: /率|%|比例|开工以来|自开工|建设以来|至今累计|开工至今|累计至今|总计|本月|当月|上月|计划/,
  },
  {
    key: 'sinceStartInvestment',
    label: '开工以来累计完成投资',
    labelEn: 'Invested since the start',
    kind: 'money',
    dimension: 'money',
    exact: ['开工以来累计完成投资', '开工以来累计完成', '开工以来完成投资', '开工以来累计', '自开工累计完成投资', '自开工以来累计完成投资', '自开工累计完成', '建设以来累计完成投资', '开工至今累计完成投资', '开工至今完成投资', '累计至今完成投资', '项目累计完成投资', '至今累计完成投资'],
    patterns: [/^(自)?(开工|建设|开建)(以来|至今)(累计)?(实际)?完成(投资)?(额)?$/],
    contains: ['开工以来累计', '自开工累计', '开工以来完成', '建设以来累计', '开工至今累计'],
    not: /率|%|比例|本年|年度|本月|当月|计划/,
  },
  {
    key: 'annualCompletionRate',
    label: '年度投资完成率',
    labelEn: 'Annual completion rate',
    kind: 'percent',
    dimension: 'percent',
    exact: ['完成率', '年度完成率', '投资完成率', '年度投资完成率', '完成比例', '投资完成比例', '年度计划完成率', '占年度计划', '占年度计划比例', '占年计划', '完成年度计划比例', '年度计划完成比例'],
    contains: ['完成率', '完成比例', '占年度计划'],
  },
  {
    key: 'progressText',
    label: '形象进度',
    labelEn: 'Progress',
    kind: 'text',
    maxLength: 4000,
    exact: ['形象进度', '项目进展', '进展情况', '项目进度', '进度', '推进情况', '工程进度', '目前进展', '当前进展', '项目进展情况', '工作进展', '建设进度', '项目推进情况', '进展', '最新进展', '本月进展', '形象进度及存在问题', '项目推进进度', '目前进展情况', '当前形象进度', '工程形象进度'],
    contains: ['形象进度', '进展', '进度', '推进情况'],
    not: /时间|日期|阶段|计划|率|节点|序时/,
  },
  {
    key: 'outputValue',
    label: '达产后年产值',
    labelEn: 'Annual output value',
    kind: 'money',
    dimension: 'money',
    exact: ['达产后产值', '年产值', '产值', '预计产值', '达产产值', '达产后年产值', '预计年产值', '年销售收入', '销售收入', '营业收入', '年营业收入', '达产后销售收入', '预计年销售收入', '主营业务收入', '达产后年销售收入', '年产出'],
    contains: ['产值', '销售收入', '营业收入'],
    not: /率|税/,
  },
  { key: 'taxRevenue', label: '年税收', labelEn: 'Annual tax revenue', kind: 'money', dimension: 'money', exact: ['税收', '年税收', '达产后税收', '预计税收', '年纳税', '纳税', '利税', '年利税', '达产后年税收', '预计年税收', '税收贡献', '年均税收', '达产后年纳税'], contains: ['税收', '纳税', '利税'] },
  {
    key: 'jobs',
    label: '新增就业',
    labelEn: 'Jobs',
    kind: 'count',
    dimension: 'count',
    exact: ['就业', '用工', '新增就业', '就业人数', '用工人数', '新增就业人数', '带动就业', '安置就业', '吸纳就业', '新增就业岗位', '就业岗位', '用工需求', '带动就业人数', '新增用工'],
    contains: ['就业', '用工'],
  },
  {
    key: 'leader',
    label: '包挂领导',
    labelEn: 'Leader in charge',
    kind: 'person',
    exact: ['包挂领导', '包挂县领导', '联系领导', '责任领导', '包保领导', '包联领导', '分包领导', '包抓领导', '县级领导', '包挂县级领导', '联系县领导', '分包县领导', '牵头领导', '挂帅领导', '分管领导', '包保县领导', '包联县领导', '联系县级领导', '责任县领导', '挂包领导', '领导', '县领导', '包挂市领导', '市级领导', '联系市领导', '包抓县领导', '包挂领导及职务'],
    contains: ['领导'],
  },
  {
    key: 'leadUnit',
    label: '责任单位',
    labelEn: 'Lead unit',
    kind: 'units',
    exact: ['责任单位', '牵头单位', '主责单位', '责任部门', '牵头部门', '主管部门', '包联单位', '包挂单位', '服务单位', '主管单位', '推进单位', '牵头责任单位', '县直责任单位', '责任乡镇', '牵头乡镇', '责任单位牵头', '包保单位', '责任主体单位'],
    contains: ['责任单位', '牵头单位', '责任部门', '牵头部门', '主管部门', '主管单位', '主责单位'],
    not: /配合|协办|协助|负责人|领导/,
  },
  {
    key: 'supportingUnits',
    label: '配合单位',
    labelEn: 'Supporting units',
    kind: 'units',
    exact: ['配合单位', '协办单位', '协助单位', '配合部门', '协同单位', '协办部门', '参与单位', '责任配合单位', '配合责任单位', '协调单位', '配合县直单位'],
    contains: ['配合单位', '协办单位', '配合部门', '协办部门', '协助单位', '配合'],
  },
  {
    key: 'helper',
    label: '项目管家',
    labelEn: 'Project helper',
    kind: 'person',
    exact: ['项目管家', '帮办专员', '服务专员', '帮办代办员', '代办员', '项目专员', '服务管家', '帮办人员', '代办人员', '帮代办员', '项目服务专员', '帮办', '联络员', '项目联络员', '项目秘书', '帮办代办人员', '服务专班', '项目服务管家'],
    contains: ['管家', '帮办', '专员', '代办', '联络员'],
  },
  {
    key: 'problems',
    label: '存在问题',
    labelEn: 'Problems',
    kind: 'text',
    maxLength: 4000,
    exact: ['存在问题', '存在的问题', '问题', '困难问题', '存在困难', '存在问题及建议', '需协调解决问题', '需协调事项', '需协调解决的问题', '存在困难和问题', '制约因素', '问题及困难', '困难和问题', '需要协调解决的问题', '存在问题和困难', '协调事项', '堵点问题', '存在问题及需协调事项', '存在问题及下步措施'],
    contains: ['问题', '需协调', '困难', '制约'],
  },
  { key: 'remarks', label: '备注', labelEn: 'Remarks', kind: 'text', maxLength: 4000, exact: ['备注', '说明', '备考', '其他', '备注说明'], contains: ['备注'] },
  // Dates: a bare column first, then 计划 and 实际.
  { key: 'signDate', label: '签约时间（按阶段判断计划/实际）', labelEn: 'Signing date (planned or actual by stage)', kind: 'dateAuto', auto: { planned: 'plannedSignDate', actual: 'actualSignDate', actualFrom: 'signed' }, exact: ['签约时间', '签约日期', '签约', '签约年月', '协议签订时间', '合同签订时间', '签约时间节点', '签订时间'], contains: ['签约时间', '签约日期'], not: /计划|预计|拟|实际|已|金额|额|企业|主体|情况|地/ },
  { key: 'plannedSignDate', label: '计划签约时间', labelEn: 'Planned signing date', kind: 'date', exact: ['计划签约时间', '预计签约时间', '拟签约时间', '计划签约', '预计签约', '拟签约', '计划签约日期', '签约计划'], contains: ['计划签约', '预计签约', '拟签约'], not: DATE_NOT },
  { key: 'actualSignDate', label: '实际签约时间', labelEn: 'Actual signing date', kind: 'date', exact: ['实际签约时间', '实际签约', '已签约时间', '签约时间实际', '实际签约日期'], contains: ['实际签约'], not: DATE_NOT },
  { key: 'startDate', label: '开工时间（按阶段判断计划/实际）', labelEn: 'Start date (planned or actual by stage)', kind: 'dateAuto', auto: { planned: 'plannedStartDate', actual: 'actualStartDate', actualFrom: 'construction' }, exact: ['开工时间', '开工日期', '开工', '开工年月', '开工时间节点', '开工时限', '新开工时间', '开工年份'], contains: ['开工时间', '开工日期', '开工年月'], not: /计划|预计|拟|实际|以来|率|条件|手续|情况|至今/ },
  { key: 'plannedStartDate', label: '计划开工时间', labelEn: 'Planned start date', kind: 'date', exact: ['计划开工时间', '计划开工', '预计开工时间', '预计开工', '拟开工时间', '拟开工', '计划开工日期', '开工计划', '计划开工年月', '开工时间计划', '计划开工时间节点'], contains: ['计划开工', '预计开工', '拟开工'], not: DATE_NOT },
  { key: 'actualStartDate', label: '实际开工时间', labelEn: 'Actual start date', kind: 'date', exact: ['实际开工时间', '实际开工', '实际开工日期', '已开工时间', '开工时间实际', '实际开工年月'], contains: ['实际开工'], not: DATE_NOT },
  { key: 'completionDate', label: '竣工时间（按阶段判断计划/实际）', labelEn: 'Completion date (planned or actual by stage)', kind: 'dateAuto', auto: { planned: 'plannedCompletionDate', actual: 'actualCompletionDate', actualFrom: 'completed' }, exact: ['竣工时间', '竣工日期', '竣工', '建成时间', '完工时间', '竣工年月', '建成日期', '完工日期', '竣工时限'], contains: ['竣工时间', '竣工日期', '建成时间', '完工时间'], not: /计划|预计|拟|实际|投产|验收|情况/ },
  { key: 'plannedCompletionDate', label: '计划竣工时间', labelEn: 'Planned completion date', kind: 'date', exact: ['计划竣工时间', '计划竣工', '预计竣工时间', '预计竣工', '计划建成时间', '预计建成时间', '计划完工时间', '预计完工时间', '拟竣工时间', '计划竣工日期', '竣工时间计划'], contains: ['计划竣工', '预计竣工', '计划建成', '预计建成', '计划完工', '预计完工'], not: /投产|金额|额|情况/ },
  { key: 'actualCompletionDate', label: '实际竣工时间', labelEn: 'Actual completion date', kind: 'date', exact: ['实际竣工时间', '实际竣工', '实际建成时间', '实际完工时间', '实际竣工日期', '竣工时间实际'], contains: ['实际竣工', '实际建成', '实际完工'], not: /投产|金额|额|情况/ },
  { key: 'operationDate', label: '投产时间（按阶段判断计划/实际）', labelEn: 'Operation date (planned or actual by stage)', kind: 'dateAuto', auto: { planned: 'plannedOperationDate', actual: 'actualOperationDate', actualFrom: 'operating' }, exact: ['投产时间', '投产日期', '投产', '达产时间', '竣工投产时间', '建成投产时间', '投用时间', '投运时间', '运营时间', '竣工投产', '投入使用时间', '投产年月'], contains: ['投产时间', '投产日期', '达产时间', '投用时间', '投运时间'], not: /计划|预计|拟|实际|产值|后|情况/ },
  { key: 'plannedOperationDate', label: '计划投产时间', labelEn: 'Planned operation date', kind: 'date', exact: ['计划投产时间', '预计投产时间', '计划投产', '预计投产', '拟投产时间', '计划竣工投产时间', '预计竣工投产时间', '计划建成投产时间', '预计达产时间', '计划投用时间', '投产时间计划', '计划投产日期'], contains: ['计划投产', '预计投产', '计划竣工投产', '预计竣工投产', '计划建成投产', '拟投产'], not: /产值|金额|额|情况/ },
  { key: 'statsEnteredDate', label: '统计入库时间', labelEn: 'Entered in statistics', kind: 'date', exact: ['统计入库时间', '入库时间', '纳统时间', '入统时间', '统计入库', '入库纳统时间', '纳入统计时间'], contains: ['入库时间', '纳统时间', '入统时间', '统计入库'], not: DATE_NOT },
  { key: 'actualOperationDate', label: '实际投产时间', labelEn: 'Actual operation date', kind: 'date', exact: ['实际投产时间', '实际投产', '实际竣工投产时间', '实际投产日期', '实际投用时间', '投产时间实际'], contains: ['实际投产', '实际竣工投产'], not: /产值|金额|额|情况/ },
  { key: 'constructionPeriod', label: '建设起止年限', labelEn: 'Construction period', kind: 'period', exact: ['建设起止年限', '建设年限', '起止年限', '建设周期', '建设工期', '项目工期', '工期', '建设期限', '起止时间', '建设起止时间', '建设起止年月', '开竣工时间', '建设时间', '起止年月'], contains: ['起止年限', '起止时间', '建设年限', '工期', '建设周期', '起止年月'] },
  { key: 'version', label: '版本（系统列）', labelEn: 'Version (system column)', kind: 'integer', verbatim: true, exact: ['__version'] },
  { key: 'id', label: '编号（系统列）', labelEn: 'Id (system column)', kind: 'text', verbatim: true, exact: ['__id'] },
] as const satisfies readonly LedgerFieldDef[];

export type FieldKey = (typeof LEDGER_FIELDS)[number]['key'];

export const FIELD_KEYS: readonly FieldKey[] = LEDGER_FIELDS.map((f) => f.key);

const BY_KEY = new Map<string, LedgerFieldDef>(LEDGER_FIELDS.map((f) => [f.key, f]));

export function fieldDef(key: FieldKey): LedgerFieldDef {
  const def = BY_KEY.get(key);
  if (!def) throw new Error(`unknown ledger field ${key}`);
  return def;
}

export function isFieldKey(key: unknown): key is FieldKey {
  return typeof key === 'string' && BY_KEY.has(key);
}
