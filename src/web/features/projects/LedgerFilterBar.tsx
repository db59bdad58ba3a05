import { FilterOutlined } from '@ant-design/icons';
import { AutoComplete, Button, Col, Input, Row, Select } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import type { ExtraField } from '../../../core/schemas/extra-fields.schema.js';
import { useI18n } from '../../i18n/i18n.js';
import { useCurrentUser } from '../../layout/current-user.js';
import { can } from '../../lib/access.js';
import { UnitTreeSelect } from '../units/UnitTreeSelect.js';
import type { LightColor } from '../../../core/lights/light-rules.js';
import { LightDot } from '../lights/LightDot.js';
import { hasFilters, type LedgerFilters } from './ledger-params.js';
import { levelOptions, stageOptions, typeOptions } from './project-labels.js';
import { useLeaderChoices } from './projects.queries.js';

interface Props {
  filters: LedgerFilters;
  onChange: (patch: Partial<LedgerFilters>) => void;
  onReset: () => void;
  /** Industries seen so far, offered as suggestions (the filter itself is an exact match). */
  industries: readonly string[];
  extraFields: readonly ExtraField[];
}

const thisYear = new Date().getFullYear();
const YEARS = Array.from({ length: 8 }, (_, i) => thisYear + 2 - i);
const col = { xs: 24, sm: 12, lg: 8, xl: 6 } as const;

/** 台账筛选: search (拼音首字母 works), stage, industry, unit, leader, year; more behind a toggle. */
export function LedgerFilterBar({ filters, onChange, onReset, industries, extraFields }: Props) {
  const { t, lang } = useI18n();
  const me = useCurrentUser();
  const leaderSource = can(me.role, 'GET /api/people') ? 'people' : can(me.role, 'GET /api/users') ? 'users' : null;
  const leaders = useLeaderChoices(leaderSource);
  const activeExtra = useMemo(() => extraFields.filter((f) => !f.archived), [extraFields]);
  const hiddenActive = !!(filters.level || filters.projectType || filters.suspended || filters.archived || filters.extraKey);
  const [more, setMore] = useState(hiddenActive);
  const [q, setQ] = useState(filters.q ?? '');
  const [industry, setIndustry] = useState(filters.industry ?? '');
  const [extraKey, setExtraKey] = useState(filters.extraKey);
  useEffect(() => setQ(filters.q ?? ''), [filters.q]);
  useEffect(() => setIndustry(filters.industry ?? ''), [filters.industry]);
  useEffect(() => setExtraKey(filters.extraKey), [filters.extraKey]);
  const extraDef = activeExtra.find((f) => f.key === extraKey);
  // Typed text applies on Enter or leaving the box, and only when it changed (a filter change goes back to page 1).
  const applyIndustry = () => {
    const next = industry.trim() || undefined;
    if (next !== filters.industry) onChange({ industry: next });
  };

  return (
    <Row gutter={[8, 8]} style={{ marginBottom: 12 }} data-testid="ledger-filters">
      <Col {...col}>
        <Input.Search
          allowClear
          value={q}
          onChange={(e) => setQ(e.target.value)}
          placeholder={t('projects.filter.searchPlaceholder')}
          title={t('projects.filter.searchHint')}
          aria-label={t('projects.filter.search')}
          onSearch={(v) => onChange({ q: v.trim() || undefined })}
        />
      </Col>
      <Col {...col}>
        <Select
          mode="multiple"
          allowClear
          maxTagCount="responsive"
          placeholder={t('projects.filter.stage')}
          aria-label={t('projects.filter.stage')}
          value={filters.stage ?? []}
          onChange={(stage) => onChange({ stage })}
          options={stageOptions(lang)}
          style={{ width: '100%' }}
        />
      </Col>
      <Col {...col}>
        <AutoComplete
          allowClear
          value={industry}
          options={industries.map((v) => ({ value: v }))}
          placeholder={t('projects.filter.industry')}
          aria-label={t('projects.filter.industry')}
          onChange={(v: string | undefined) => {
            setIndustry(v ?? '');
            if (!v) onChange({ industry: undefined });
          }}
          onSelect={(v?: string) => onChange({ industry: v })}
          onBlur={applyIndustry}
          onKeyDown={(e) => {
            if (e.key === 'Enter') applyIndustry();
          }}
          style={{ width: '100%' }}
        />
      </Col>
      <Col {...col}>
        <UnitTreeSelect allowClear placeholder={t('projects.filter.unit')} value={filters.unitId} onChange={(unitId?: string) => onChange({ unitId })} style={{ width: '100%' }} />
      </Col>
      {leaderSource && (
        <Col {...col}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('projects.filter.leader')}
            aria-label={t('projects.filter.leader')}
            loading={leaders.isPending}
            value={filters.leaderUserId}
            onChange={(leaderUserId?: string) => onChange({ leaderUserId })}
            options={(leaders.data ?? []).map((u) => ({ value: u.id, label: u.title ? `${u.name}（${u.title}）` : u.name }))}
            style={{ width: '100%' }}
          />
        </Col>
      )}
      <Col {...col}>
        <Select<number>
          allowClear
          placeholder={t('projects.filter.year')}
          aria-label={t('projects.filter.year')}
          title={t('projects.filter.yearHint')}
          value={filters.year}
          onChange={(year?: number) => onChange({ year })}
          options={YEARS.map((y) => ({ value: y, label: t('projects.filter.yearOption', { year: y }) }))}
          style={{ width: '100%' }}
        />
      </Col>
      <Col {...col}>
        <Select<LightColor>
          allowClear
          placeholder={t('lights.filter')}
          aria-label={t('lights.filter')}
          value={filters.light}
          onChange={(light?: LightColor) => onChange({ light })}
          options={(['red', 'yellow', 'green'] as const).map((c) => ({ value: c, label: <LightDot color={c} /> }))}
          style={{ width: '100%' }}
          data-testid="filter-light"
        />
      </Col>
      {more && (
        <>
          <Col {...col}>
            <Select allowClear placeholder={t('projects.f.level')} value={filters.level} onChange={(level) => onChange({ level })} options={levelOptions(lang)} style={{ width: '100%' }} />
          </Col>
          <Col {...col}>
            <Select
              allowClear
              placeholder={t('projects.f.projectType')}
              value={filters.projectType}
              onChange={(projectType) => onChange({ projectType })}
              options={typeOptions(lang)}
              style={{ width: '100%' }}
            />
          </Col>
          <Col {...col}>
            <Select
              allowClear
              placeholder={t('projects.filter.suspended')}
              value={filters.suspended}
              onChange={(suspended) => onChange({ suspended })}
              options={[
                { value: 'true', label: t('projects.filter.suspendedOnly') },
                { value: 'false', label: t('projects.filter.notSuspended') },
              ]}
              style={{ width: '100%' }}
            />
          </Col>
          <Col {...col}>
            <Select
              placeholder={t('projects.filter.archived')}
              value={filters.archived ?? 'false'}
              onChange={(archived) => onChange({ archived: archived === 'false' ? undefined : archived })}
              options={[
                { value: 'false', label: t('projects.filter.archivedNo') },
                { value: 'true', label: t('projects.filter.archivedYes') },
                { value: 'all', label: t('projects.filter.archivedAll') },
              ]}
              style={{ width: '100%' }}
            />
          </Col>
          {activeExtra.length > 0 && (
            <Col {...col}>
              <Select
                allowClear
                placeholder={t('projects.filter.extraField')}
                value={extraKey}
                onChange={(k?: string) => {
                  setExtraKey(k);
                  if (!k) onChange({ extraKey: undefined, extraValue: undefined });
                }}
                options={activeExtra.map((f) => ({ value: f.key, label: f.label }))}
                style={{ width: '100%' }}
              />
            </Col>
          )}
          {extraDef && (
            <Col {...col}>
              {extraDef.kind === 'choice' ? (
                <Select
                  allowClear
                  placeholder={t('projects.filter.extraValue')}
                  value={filters.extraKey === extraDef.key ? filters.extraValue : undefined}
                  onChange={(v?: string) => onChange({ extraKey: extraDef.key, extraValue: v })}
                  options={(extraDef.options ?? []).map((o) => ({ value: o, label: o }))}
                  style={{ width: '100%' }}
                />
              ) : (
                <Input.Search
                  allowClear
                  placeholder={t('projects.filter.extraValue')}
                  defaultValue={filters.extraKey === extraDef.key ? filters.extraValue : undefined}
                  onSearch={(v) => onChange({ extraKey: extraDef.key, extraValue: v.trim() || undefined })}
                />
              )}
            </Col>
          )}
        </>
      )}
      <Col flex="none">
        <Button type="link" icon={<FilterOutlined />} onClick={() => setMore((m) => !m)}>
          {more ? t('projects.filter.less') : t('projects.filter.more')}
        </Button>
        {hasFilters(filters) && (
          <Button type="link" onClick={onReset}>
            {t('projects.filter.reset')}
          </Button>
        )}
      </Col>
    </Row>
  );
}
