import { ArrowLeftOutlined, FileWordOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Flex, Form, Input, Popconfirm, Row, Skeleton, Statistic, Table, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { Link, useParams } from 'react-router';
import type { BulletinFigures, UnitRank } from '../../../core/bulletin/figures.js';
import { formatWan } from '../../../core/money.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryErrorResult } from '../../components/ResultPages.js';
import { useApiFeedback } from '../../components/useApiFeedback.js';
import { useI18n } from '../../i18n/i18n.js';
import { useCurrentUser } from '../../layout/current-user.js';
import { can } from '../../lib/access.js';
import { bulletinDocxUrl, useBulletin, useSendBulletin, useUpdateBulletin } from './bulletins.queries.js';

interface TextsForm {
  opening: string;
  nextSteps: string;
}

/** One bulletin: the key figures frozen at drafting, the editable texts, the Word file, 审核并印发. */
export function BulletinPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const me = useCurrentUser();
  const { showError, showSuccess } = useApiFeedback();
  const bulletin = useBulletin(id);
  const update = useUpdateBulletin(id);
  const send = useSendBulletin(id);
  const [form] = Form.useForm<TextsForm>();
  const b = bulletin.data;
  useEffect(() => {
    if (b) form.setFieldsValue({ opening: b.opening, nextSteps: b.nextSteps.join('\n') });
  }, [b, form]);

  if (bulletin.isError && !b) return <QueryErrorResult error={bulletin.error} onRetry={() => void bulletin.refetch()} />;
  if (!b) return <Skeleton active />;
  const f = b.figures as unknown as BulletinFigures;
  const draft = b.status === 'draft';
  const canEdit = draft && can(me.role, 'PATCH /api/bulletins/:id');
  const gap = f.investment.gapPoints;

  const save = async () => {
    const v = await form.validateFields();
    const nextSteps = v.nextSteps.split('\n').map((s) => s.trim()).filter(Boolean);
    update.mutate({ version: b.version, patch: { opening: v.opening.trim(), nextSteps } }, { onSuccess: () => showSuccess(t('bulletins.saved')), onError: (e) => showError(e, () => void bulletin.refetch()) });
  };

  return (
    <>
      <PageHeader
        title={b.title}
        extra={
          <>
            <Link to="/bulletins">
              <Button icon={<ArrowLeftOutlined />}>{t('bulletins.back')}</Button>
            </Link>
            <Button icon={<FileWordOutlined />} href={bulletinDocxUrl(b.id)} data-testid="bulletin-docx">
              {t('bulletins.download')}
            </Button>
            {canEdit && can(me.role, 'POST /api/bulletins/:id/send') && (
              <Popconfirm title={t('bulletins.sendConfirm')} onConfirm={() => send.mutate(b.version, { onSuccess: () => showSuccess(t('bulletins.sentOk')), onError: (e) => showError(e, () => void bulletin.refetch()) })}>
                <Button type="primary" icon={<SendOutlined />} loading={send.isPending} data-testid="bulletin-send">
                  {t('bulletins.send')}
                </Button>
              </Popconfirm>
            )}
          </>
        }
      />
      <Flex gap={8} align="center" style={{ marginBottom: 12 }}>
        <Tag color={draft ? 'orange' : 'green'} data-testid="bulletin-status">
          {t(`bulletins.status.${b.status}`)}
        </Tag>
        {b.sentAt && <Typography.Text type="secondary">{t('bulletins.sentBy', { name: b.sentByName ?? '', at: new Date(b.sentAt).toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 16) })}</Typography.Text>}
      </Flex>
      <Card title={t('bulletins.figures')} style={{ marginBottom: 16 }}>
        <Row gutter={[16, 16]}>
          <Col xs={12} md={6}>
            <Statistic title={t('bulletins.f.investment')} value={f.investment.rate ?? 0} suffix="%" precision={1} valueStyle={{ color: gap !== null && gap < 0 ? '#cf1322' : '#3f8600' }} />
            <Typography.Text type="secondary">{t('bulletins.f.expected', { pct: f.investment.expected })}</Typography.Text>
            <br />
            <Typography.Text type="secondary">{t('bulletins.f.completed', { done: formatWan(f.investment.completed, 0), plan: formatWan(f.investment.plan, 0) })}</Typography.Text>
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t('bulletins.f.start')} value={`${f.flows.start.month} / ${f.flows.start.ytd}`} />
            <Statistic title={t('bulletins.f.complete')} value={`${f.flows.complete.month} / ${f.flows.complete.ytd}`} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t('bulletins.f.red')} value={f.lights.counts.red} valueStyle={{ color: '#cf1322' }} />
            <Statistic title={t('bulletins.f.yellow')} value={f.lights.counts.yellow} valueStyle={{ color: '#d48806' }} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t('bulletins.f.problems')} value={`${f.problems.open}（${f.problems.overdue}）`} />
            <Typography.Text type="secondary">{t('bulletins.f.annex', { rows: f.annex.rows.length, total: f.annex.total })}</Typography.Text>
          </Col>
        </Row>
        <Typography.Title level={5} style={{ marginTop: 16 }}>
          {t('bulletins.ranking')}
        </Typography.Title>
        <Table<UnitRank>
          rowKey="unitId"
          size="small"
          pagination={false}
          dataSource={f.ranking}
          columns={[
            { key: 'rank', title: t('bulletins.r.rank'), render: (_, u) => u.rank ?? '—', width: 60 },
            { key: 'unit', title: t('bulletins.r.unit'), dataIndex: 'name' },
            { key: 'rate', title: t('bulletins.r.rate'), render: (_, u) => (u.progress.rate === null ? '—' : `${u.progress.rate}%`) },
            { key: 'gap', title: t('bulletins.r.gap'), render: (_, u) => (u.progress.gapPoints === null ? '—' : u.progress.gapPoints.toFixed(1)) },
          ]}
        />
      </Card>
      <Card title={t('bulletins.texts')}>
        {!draft && <Alert type="info" showIcon title={t('bulletins.locked')} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical" disabled={!canEdit}>
          <Form.Item name="opening" label={t('bulletins.opening')} rules={[{ required: true, whitespace: true }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="bulletin-opening" />
          </Form.Item>
          <Form.Item name="nextSteps" label={t('bulletins.nextSteps')} rules={[{ required: true, whitespace: true }]}>
            <Input.TextArea autoSize={{ minRows: 4, maxRows: 14 }} data-testid="bulletin-next-steps" />
          </Form.Item>
          {canEdit && (
            <Button icon={<SaveOutlined />} onClick={() => void save()} loading={update.isPending} data-testid="bulletin-save">
              {t('bulletins.save')}
            </Button>
          )}
        </Form>
      </Card>
    </>
  );
}
