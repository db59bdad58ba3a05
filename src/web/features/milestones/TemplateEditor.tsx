import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Col, Drawer, Flex, Grid, Input, Row, Select, Typography } from 'antd';
import { useState } from 'react';
import zhCN from 'zod/v4/locales/zh-CN.js';
import { templateInputSchema, type Template, type TemplateInput } from '../../../core/schemas/milestones.schema.js';
import { ConflictAlert, conflictCurrent } from '../../components/ConflictAlert.js';
import { useI18n, type MessageKey } from '../../i18n/i18n.js';
import { errorText } from '../../lib/errors.js';
import { useCreateTemplate, useUpdateTemplate } from './milestones.queries.js';
import { TemplateNodesTable, type EditableNode } from './TemplateNodesTable.js';

/** Column titles to name a field in a problem ("第 3 个节点 节点名称：…"). */
const FIELD_KEYS: Record<string, MessageKey> = {
  name: 'ms.tpl.col.name',
  code: 'ms.tpl.col.code',
  kind: 'ms.tpl.col.kind',
  ownerUnitHint: 'ms.tpl.col.ownerHint',
  durationDays: 'ms.tpl.col.duration',
  dependsOn: 'ms.tpl.col.dependsOn',
  parallelGroup: 'ms.tpl.col.parallel',
  statutoryDays: 'ms.tpl.col.statutoryDays',
  statutoryNote: 'ms.tpl.col.statutoryNote',
  stage: 'ms.tpl.col.stage',
  anchorCode: 'ms.tpl.anchor',
  description: 'ms.tpl.description',
};

let keySeq = 0;
const withKeys = (t: Pick<Template, 'nodes'>): EditableNode[] => t.nodes.map((n) => ({ ...n, key: `k${++keySeq}` }));

export type EditorTarget = { mode: 'edit'; template: Template } | { mode: 'copy'; template: Template } | { mode: 'view'; template: Template };

/**
 * 节点模板 editor: name, description, the anchor node and the nodes (name, kind, owner unit hint,
 * duration in working days, prerequisites, parallel group, statutory limit and note, the stage a
 * node marks). The shared zod schema checks the form before sending; the server also checks the
 * order (no cycle, known prerequisites). Saving an existing template sends If-Match; a copy is
 * created as a new template.
 */
export function TemplateEditor({ target, onClose, onSaved }: { target: EditorTarget; onClose: () => void; onSaved: (t: Template) => void }) {
  const { t, lang } = useI18n();
  const compact = Grid.useBreakpoint().md === false;
  const create = useCreateTemplate();
  const update = useUpdateTemplate();
  const src = target.template;
  const [version, setVersion] = useState(src.version);
  const [name, setName] = useState(target.mode === 'copy' ? t('ms.tpl.copyName', { name: src.name }) : src.name);
  const [description, setDescription] = useState(src.description ?? '');
  const [anchorCode, setAnchorCode] = useState(src.anchorCode);
  const [nodes, setNodes] = useState<EditableNode[]>(() => withKeys(src));
  const [problems, setProblems] = useState<string[]>([]);
  const [conflict, setConflict] = useState<Template | null>(null);
  const readOnly = target.mode === 'view';

  const addNode = () => {
    let i = nodes.length + 1;
    while (nodes.some((n) => n.code === `node-${i}`)) i++;
    const last = nodes.at(-1);
    setNodes([
      ...nodes,
      { key: `k${++keySeq}`, code: `node-${i}`, name: '', kind: 'approval', ownerUnitHint: null, durationDays: 5, dependsOn: last ? [last.code] : [], parallelGroup: null, statutoryDays: null, within: null, statutoryNote: null, stage: null },
    ]);
  };

  const save = () => {
    const input: TemplateInput = { name, description: description.trim() || null, anchorCode, nodes: nodes.map(({ key: _k, ...n }) => n) };
    // zod's own messages (length, range) in the user's language; ours are "中文 / English" already.
    const parsed = templateInputSchema.safeParse(input, lang === 'zh' ? { error: zhCN().localeError } : undefined);
    if (!parsed.success) {
      setProblems(
        parsed.error.issues.map((i) => {
          const [head, row, field] = i.path;
          const text = lang === 'en' ? (i.message.split(' / ')[1] ?? i.message) : i.message.split(' / ')[0]!;
          const label = (key: unknown) => (typeof key === 'string' && key in FIELD_KEYS ? t(FIELD_KEYS[key]!) : String(key ?? ''));
          return head === 'nodes' && typeof row === 'number' ? t('ms.tpl.rowProblem', { row: row + 1, field: label(field), text }) : `${label(head)}: ${text}`;
        }),
      );
      return;
    }
    setProblems([]);
    const done = { onSuccess: onSaved, onError: (err: unknown) => (conflictCurrent<Template>(err) ? setConflict(conflictCurrent<Template>(err)) : setProblems([errorText(err, t, lang)])) };
    if (target.mode === 'edit') update.mutate({ id: src.id, version, input: parsed.data }, done);
    else create.mutate(parsed.data, done);
  };

  const title = target.mode === 'copy' ? t('ms.tpl.copyTitle', { name: src.name }) : target.mode === 'view' ? src.name : t('ms.tpl.editTitle', { name: src.name });
  return (
    <Drawer
      open
      size={compact ? '100%' : 1180}
      title={title}
      onClose={onClose}
      destroyOnHidden
      footer={
        !readOnly && (
          <Flex justify="flex-end" gap={8}>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="primary" loading={create.isPending || update.isPending} onClick={save} data-testid="template-save">
              {t('common.save')}
            </Button>
          </Flex>
        )
      }
    >
      {conflict && (
        <ConflictAlert
          onReload={() => {
            setVersion(conflict.version);
            setName(conflict.name);
            setDescription(conflict.description ?? '');
            setAnchorCode(conflict.anchorCode);
            setNodes(withKeys(conflict));
            setConflict(null);
          }}
        />
      )}
      {problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('ms.tpl.problems')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {problems.map((p, i) => (
                <li key={i}>{p}</li>
              ))}
            </ul>
          }
          data-testid="template-problems"
        />
      )}
      {src.shippedKey && target.mode === 'edit' && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('ms.tpl.shippedHint')} />}
      <Row gutter={12}>
        <Col xs={24} md={8}>
          <Typography.Text type="secondary">{t('ms.tpl.name')}</Typography.Text>
          <Input value={name} disabled={readOnly} onChange={(e) => setName(e.target.value)} maxLength={60} aria-label={t('ms.tpl.name')} style={{ marginBottom: 12 }} />
        </Col>
        <Col xs={24} md={6}>
          <Typography.Text type="secondary">{t('ms.tpl.anchor')}</Typography.Text>
          <Select value={anchorCode} disabled={readOnly} onChange={setAnchorCode} style={{ width: '100%', marginBottom: 12 }} options={nodes.map((n) => ({ value: n.code, label: n.name || n.code }))} aria-label={t('ms.tpl.anchor')} />
        </Col>
        <Col xs={24} md={10}>
          <Typography.Text type="secondary">{t('ms.tpl.description')}</Typography.Text>
          <Input.TextArea value={description} disabled={readOnly} onChange={(e) => setDescription(e.target.value)} maxLength={500} autoSize={{ minRows: 1, maxRows: 3 }} style={{ marginBottom: 12 }} />
        </Col>
      </Row>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('ms.tpl.nodesHint')}
      </Typography.Paragraph>
      <TemplateNodesTable nodes={nodes} onChange={setNodes} readOnly={readOnly} />
      {!readOnly && (
        <Button icon={<PlusOutlined />} type="dashed" block style={{ marginTop: 8 }} onClick={addNode} data-testid="template-add-node">
          {t('ms.tpl.addNode')}
        </Button>
      )}
    </Drawer>
  );
}
