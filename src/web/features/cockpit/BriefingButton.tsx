import { FileWordOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { chinaDate } from '../../../core/business-date.js';
import { useI18n } from '../../i18n/i18n.js';
import { useCurrentUser } from '../../layout/current-user.js';
import { can } from '../../lib/access.js';
import { UnitTreeSelect } from '../units/UnitTreeSelect.js';

/** GET /api/documents/briefing as a download link (the server names the file). */
export const briefingUrl = (unit: string | undefined, date: string) => `/api/documents/briefing?${new URLSearchParams({ ...(unit ? { unit } : {}), ...(date ? { date } : {}) }).toString()}`;

/**
 * 生成汇报材料: a button for leaders and 项目办 that opens a small dialog — the unit (default: the
 * one the cockpit shows) and the date of the meeting — and downloads the Word draft.
 */
export function BriefingButton({ unit }: { unit: string | undefined }) {
  const { t } = useI18n();
  const me = useCurrentUser();
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<string | undefined>(unit);
  const [date, setDate] = useState(() => chinaDate(new Date()));
  if (!can(me.role, 'GET /api/documents/briefing')) return null;
  return (
    <>
      <Button
        icon={<FileWordOutlined />}
        onClick={() => {
          setChosen(unit);
          setOpen(true);
        }}
        data-testid="briefing-open"
      >
        {t('documents.briefing.open')}
      </Button>
      <Modal
        open={open}
        title={t('documents.briefing.title')}
        onCancel={() => setOpen(false)}
        destroyOnHidden
        footer={
          <Flex justify="end" gap={8}>
            <Button onClick={() => setOpen(false)}>{t('common.cancel')}</Button>
            <Button type="primary" icon={<FileWordOutlined />} href={briefingUrl(chosen, date)} onClick={() => setOpen(false)} data-testid="briefing-download">
              {t('documents.briefing.download')}
            </Button>
          </Flex>
        }
      >
        <Typography.Paragraph type="secondary">{t('documents.briefing.intro')}</Typography.Paragraph>
        <Form layout="vertical">
          <Form.Item label={t('documents.briefing.unit')}>
            <UnitTreeSelect allowClear placeholder={t('cockpit.wholeArea')} value={chosen} onChange={(v?: string) => setChosen(v)} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item label={t('documents.briefing.date')}>
            <Input type="date" value={date} onChange={(e) => setDate(e.target.value)} data-testid="briefing-date" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
