import { Button, Col, Flex, Input, InputNumber, Row, Typography } from 'antd';
import { useI18n } from '../../i18n/i18n.js';
import { wanTextToYuan } from '../projects/project-form.js';
import { EVEN_PERCENTS, type QuarterValues } from './goal-form.js';

/**
 * A metric's four quarters with their running sum against the annual target (counts as
 * numbers, money as 万元 text). Used as a Form.Item control: value/onChange are the four boxes.
 */
export function QuarterInputs({ value, onChange, money, target, label, testId }: { value?: QuarterValues; onChange?: (v: QuarterValues) => void; money: boolean; target: string | number | null | undefined; label: string; testId: string }) {
  const { t } = useI18n();
  const values: QuarterValues = [0, 1, 2, 3].map((i) => value?.[i]);
  const set = (i: number, v: number | string | null) => onChange?.(values.map((x, k) => (k === i ? v : x)));
  const toNumber = (x: unknown) => (x === undefined || x === null || x === '' ? 0 : money ? wanTextToYuan(String(x)) : Number(x));
  const parsed = values.map(toNumber);
  const sum = parsed.every((x): x is number => typeof x === 'number') ? parsed.reduce((a, b) => a + b, 0) : null;
  const targetNumber = money ? wanTextToYuan(target === undefined || target === null ? '' : String(target)) : typeof target === 'number' ? target : null;
  const show = (n: number) => (money ? String(n / 10_000) : String(n));
  const hasTarget = typeof targetNumber === 'number';
  const matches = hasTarget && sum === targetNumber;
  const empty = values.every((x) => x === undefined || x === null || x === '');
  return (
    <Flex vertical gap={4} data-testid={testId}>
      <Row gutter={[8, 8]}>
        {values.map((v, i) => (
          <Col key={i} xs={12} sm={6}>
            {money ? (
              <Input aria-label={`${label} ${t('goals.form.q', { n: i + 1 })}`} prefix={t('goals.form.q', { n: i + 1 })} inputMode="decimal" value={v === undefined || v === null ? '' : String(v)} onChange={(e) => set(i, e.target.value)} />
            ) : (
              <InputNumber
                aria-label={`${label} ${t('goals.form.q', { n: i + 1 })}`}
                prefix={t('goals.form.q', { n: i + 1 })}
                min={0}
                max={100_000}
                precision={0}
                style={{ width: '100%' }}
                value={typeof v === 'number' ? v : v === undefined || v === null || v === '' ? null : Number(v)}
                onChange={(n) => set(i, n)}
              />
            )}
          </Col>
        ))}
      </Row>
      <Typography.Text type={hasTarget && !matches && !empty ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
        {empty ? t('goals.form.quarterEmpty') : hasTarget ? t('goals.form.quarterSum', { sum: sum === null ? '—' : show(sum), target: show(targetNumber) }) : t('goals.form.quarterNeedsTarget')}
      </Typography.Text>
    </Flex>
  );
}

/** The investment plan curve: the cumulative % due by the end of each month. */
export function CurveInputs({ value, onChange }: { value?: (number | null | undefined)[]; onChange?: (v: (number | null)[]) => void }) {
  const { t } = useI18n();
  const values = [...Array(12).keys()].map((i) => value?.[i] ?? null);
  return (
    <Flex vertical gap={8} data-testid="goal-curve">
      <Row gutter={[8, 8]}>
        {values.map((v, i) => (
          <Col key={i} xs={8} sm={6} md={4}>
            <InputNumber
              aria-label={t('goals.form.month', { n: i + 1 })}
              prefix={t('goals.form.month', { n: i + 1 })}
              suffix="%"
              min={0}
              max={100}
              precision={2}
              controls={false}
              style={{ width: '100%' }}
              value={v}
              onChange={(n) => onChange?.(values.map((x, k) => (k === i ? n : x)))}
            />
          </Col>
        ))}
      </Row>
      <div>
        <Button size="small" onClick={() => onChange?.([...EVEN_PERCENTS])}>
          {t('goals.form.curveEven')}
        </Button>
      </div>
    </Flex>
  );
}
