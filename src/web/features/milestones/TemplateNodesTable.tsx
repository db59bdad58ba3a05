import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined } from '@ant-design/icons';
import { Button, Flex, Input, InputNumber, Select, Table, type TableColumnsType } from 'antd';
import { MILESTONE_KINDS, type TemplateNode } from '../../../core/schemas/milestones.schema.js';
import { STAGES } from '../../../core/stages.js';
import { useI18n } from '../../i18n/i18n.js';
import { stageOptions } from '../projects/project-labels.js';
import { KIND_KEYS } from './milestone-labels.js';

/** A node while being edited: `key` keeps React rows stable while codes change. */
export type EditableNode = TemplateNode & { key: string };

/**
 * Renames a node code everywhere it is referred to (prerequisites, 'within' rules), so editing
 * a code never leaves a dangling dependency.
 */
export function renameCode(nodes: readonly EditableNode[], from: string, to: string): EditableNode[] {
  return nodes.map((n) => ({
    ...n,
    code: n.code === from ? to : n.code,
    dependsOn: n.dependsOn.map((d) => (d === from ? to : d)),
    within: n.within && n.within.after === from ? { ...n.within, after: to } : n.within,
  }));
}

/** Removes a node and every reference to it. */
export function removeNode(nodes: readonly EditableNode[], key: string): EditableNode[] {
  const gone = nodes.find((n) => n.key === key);
  return nodes
    .filter((n) => n.key !== key)
    .map((n) => (gone ? { ...n, dependsOn: n.dependsOn.filter((d) => d !== gone.code), within: n.within?.after === gone.code ? null : n.within } : n));
}

interface Props {
  nodes: EditableNode[];
  onChange: (nodes: EditableNode[]) => void;
  readOnly: boolean;
}

/** The nodes of a template as an editable table (one row per node, in plan order). */
export function TemplateNodesTable({ nodes, onChange, readOnly }: Props) {
  const { t, lang } = useI18n();
  const set = (key: string, patch: Partial<TemplateNode>) => onChange(nodes.map((n) => (n.key === key ? { ...n, ...patch } : n)));
  const move = (i: number, by: -1 | 1) => {
    const next = [...nodes];
    const [row] = next.splice(i, 1);
    next.splice(i + by, 0, row!);
    onChange(next);
  };
  const codeOptions = (self: string) => nodes.filter((n) => n.code && n.code !== self).map((n) => ({ value: n.code, label: n.name || n.code }));

  const columns: TableColumnsType<EditableNode> = [
    { key: 'seq', title: '#', width: 40, render: (_, _n, i) => i + 1 },
    {
      key: 'code',
      title: t('ms.tpl.col.code'),
      width: 130,
      render: (_, n) => <Input size="small" value={n.code} disabled={readOnly} onChange={(e) => onChange(renameCode(nodes, n.code, e.target.value.trim().toLowerCase()))} aria-label={t('ms.tpl.col.code')} />,
    },
    { key: 'name', title: t('ms.tpl.col.name'), width: 180, render: (_, n) => <Input size="small" value={n.name} disabled={readOnly} onChange={(e) => set(n.key, { name: e.target.value })} aria-label={t('ms.tpl.col.name')} /> },
    {
      key: 'kind',
      title: t('ms.tpl.col.kind'),
      width: 110,
      render: (_, n) => <Select size="small" value={n.kind} disabled={readOnly} style={{ width: '100%' }} onChange={(kind) => set(n.key, { kind })} options={MILESTONE_KINDS.map((k) => ({ value: k, label: t(KIND_KEYS[k]) }))} />,
    },
    {
      key: 'owner',
      title: t('ms.tpl.col.ownerHint'),
      width: 150,
      render: (_, n) => <Input size="small" value={n.ownerUnitHint ?? ''} disabled={readOnly} placeholder={t('ms.tpl.leadUnit')} onChange={(e) => set(n.key, { ownerUnitHint: e.target.value || null })} />,
    },
    {
      key: 'duration',
      title: t('ms.tpl.col.duration'),
      width: 90,
      render: (_, n) => <InputNumber size="small" min={0} max={1000} precision={0} value={n.durationDays} disabled={readOnly} style={{ width: '100%' }} onChange={(v) => set(n.key, { durationDays: v ?? 0 })} />,
    },
    {
      key: 'deps',
      title: t('ms.tpl.col.dependsOn'),
      width: 220,
      render: (_, n) => (
        <Select size="small" mode="multiple" value={n.dependsOn} disabled={readOnly} style={{ width: '100%' }} maxTagCount="responsive" onChange={(dependsOn: string[]) => set(n.key, { dependsOn })} options={codeOptions(n.code)} />
      ),
    },
    { key: 'group', title: t('ms.tpl.col.parallel'), width: 120, render: (_, n) => <Input size="small" value={n.parallelGroup ?? ''} disabled={readOnly} onChange={(e) => set(n.key, { parallelGroup: e.target.value || null })} /> },
    {
      key: 'statutory',
      title: t('ms.tpl.col.statutoryDays'),
      width: 90,
      render: (_, n) => <InputNumber size="small" min={1} max={1000} precision={0} value={n.statutoryDays} disabled={readOnly} style={{ width: '100%' }} onChange={(v) => set(n.key, { statutoryDays: v ?? null })} />,
    },
    { key: 'note', title: t('ms.tpl.col.statutoryNote'), width: 220, render: (_, n) => <Input size="small" value={n.statutoryNote ?? ''} disabled={readOnly} onChange={(e) => set(n.key, { statutoryNote: e.target.value || null })} title={n.statutoryNote ?? undefined} /> },
    {
      key: 'stage',
      title: t('ms.tpl.col.stage'),
      width: 110,
      render: (_, n) => <Select size="small" allowClear value={n.stage ?? undefined} disabled={readOnly} style={{ width: '100%' }} onChange={(stage) => set(n.key, { stage: stage ?? null })} options={stageOptions(lang, STAGES)} />,
    },
  ];
  if (!readOnly)
    columns.push({
      key: 'ops',
      title: '',
      width: 100,
      fixed: 'right',
      render: (_, n, i) => (
        <Flex gap={0}>
          <Button size="small" type="text" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, -1)} aria-label={t('ms.tpl.up')} />
          <Button size="small" type="text" icon={<ArrowDownOutlined />} disabled={i === nodes.length - 1} onClick={() => move(i, 1)} aria-label={t('ms.tpl.down')} />
          <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => onChange(removeNode(nodes, n.key))} aria-label={t('ms.tpl.remove')} />
        </Flex>
      ),
    });
  return <Table<EditableNode> rowKey="key" size="small" columns={columns} dataSource={nodes} pagination={false} scroll={{ x: 'max-content' }} data-testid="template-nodes" />;
}
