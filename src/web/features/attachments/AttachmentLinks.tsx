import { FileExcelOutlined, FileImageOutlined, FilePdfOutlined, FileTextOutlined, FileWordOutlined } from '@ant-design/icons';
import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { isInlineType } from '../../../core/file-types.js';
import type { AttachmentRef } from '../../../core/schemas/attachments.schema.js';
import { useI18n } from '../../i18n/i18n.js';
import { attachmentUrl, formatFileSize } from './attachments.queries.js';

function iconOf(contentType: string): ReactNode {
  if (contentType === 'application/pdf') return <FilePdfOutlined />;
  if (contentType.startsWith('image/')) return <FileImageOutlined />;
  if (/msword|wordprocessingml/.test(contentType)) return <FileWordOutlined />;
  if (/ms-excel|spreadsheetml/.test(contentType)) return <FileExcelOutlined />;
  return <FileTextOutlined />;
}

/** A record's files as download links; images and PDF open in a new tab, the rest download. */
export function AttachmentLinks({ files }: { files: readonly AttachmentRef[] }) {
  const { t } = useI18n();
  if (files.length === 0) return null;
  return (
    <Flex vertical gap={2} data-testid="attachment-links">
      {files.map((f) => (
        <Typography.Link
          key={f.id}
          href={attachmentUrl(f.id)}
          {...(isInlineType(f.contentType) ? { target: '_blank', rel: 'noopener noreferrer' } : {})}
          aria-label={t('attachments.download', { name: f.fileName })}
          style={{ fontSize: 13, overflowWrap: 'anywhere' }}
        >
          {iconOf(f.contentType)} {f.fileName} <Typography.Text type="secondary" style={{ fontSize: 12 }}>({formatFileSize(f.size)})</Typography.Text>
        </Typography.Link>
      ))}
    </Flex>
  );
}
