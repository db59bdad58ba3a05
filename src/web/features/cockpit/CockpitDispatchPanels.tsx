import { Card, Empty, Flex, List, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import type { Dashboard } from '../../../core/schemas/dashboard.schema.js';
import { EChart } from '../../components/EChart.js';
import { useI18n } from '../../i18n/i18n.js';
import { problemsOption } from './chart-options.js';

const withUnit = (path: string, unitId: string | null) => (unitId ? `${path}&unitId=${encodeURIComponent(unitId)}` : path);

/** Unsolved problems: a bar per category, and a tag per escalation level (each opens its list). */
export function ProblemsPanel({ d, unitId }: { d: Dashboard; unitId: string | null }) {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const p = d.problems;
  return (
    <Card size="small" title={t('cockpit.problems', { n: p.open, overdue: p.overdue })} extra={<Link to={withUnit('/problems?view=active', unitId)}>{t('cockpit.all')}</Link>} data-testid="cockpit-problems">
      {p.open === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cockpit.noProblems')} />
      ) : (
        <Flex vertical gap={8}>
          <EChart option={problemsOption(d, lang, unitId)} height={Math.max(120, 30 * Math.min(8, p.byCategory.length) + 40)} label={t('cockpit.problemsByCategory')} onLink={(to) => void navigate(to)} />
          <Flex gap={6} wrap align="center">
            <Typography.Text type="secondary">{t('cockpit.byLevel')}</Typography.Text>
            {p.byLevel.map((l) => (
              <Link key={l.level} to={withUnit(`/problems?view=active&level=${l.level}`, unitId)}>
                <Tag color={l.level === 0 ? 'default' : l.level >= 3 ? 'red' : 'orange'}>
                  {l.level === 0 ? t('cockpit.notEscalated') : (l.name ?? t('cockpit.level', { n: l.level }))} {l.count}
                </Tag>
              </Link>
            ))}
          </Flex>
        </Flex>
      )}
    </Card>
  );
}

/** 现场推进会 still to come: when, where, how many projects it visits. */
export function SiteToursPanel({ d }: { d: Dashboard }) {
  const { t } = useI18n();
  return (
    <Card size="small" title={t('cockpit.siteTours')} data-testid="cockpit-site-tours">
      <List
        size="small"
        dataSource={d.siteTours}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cockpit.noSiteTours')} /> }}
        renderItem={(m) => (
          <List.Item extra={<Typography.Text style={{ whiteSpace: 'nowrap' }}>{[m.date.slice(5), m.startTime].filter(Boolean).join(' ')}</Typography.Text>}>
            <Flex vertical style={{ minWidth: 0 }}>
              <Link to={`/meetings/${m.id}`}>{m.title}</Link>
              <Typography.Text type="secondary" ellipsis style={{ fontSize: 12 }}>
                {[m.place ?? m.unitName, t('cockpit.tourProjects', { n: m.projects })].join(' · ')}
              </Typography.Text>
            </Flex>
          </List.Item>
        )}
      />
    </Card>
  );
}
