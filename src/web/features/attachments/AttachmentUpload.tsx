import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Upload, type UploadFile, type UploadProps } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { ACCEPTED_UPLOADS } from '../../../core/file-types.js';
import { MAX_ATTACHMENTS_PER_RECORD, type Attachment } from '../../../core/schemas/attachments.schema.js';
import { useI18n } from '../../i18n/i18n.js';
import { downscalePhoto } from '../../lib/downscale-photo.js';
import { errorText } from '../../lib/errors.js';
import { deleteAttachment, uploadAttachment } from './attachments.queries.js';

interface Props {
  /** Form.Item passes the ids; the list itself is kept here (names, progress). */
  value?: string[];
  onChange?: (ids: string[]) => void;
  /** True while a file is still uploading (the form should wait). */
  onBusyChange?: (busy: boolean) => void;
  /** Photos as evidence (销号): images are made ≤1600 px JPEGs in the browser before upload. */
  downscaleImages?: boolean;
}

/**
 * 上传附件: each chosen file is uploaded at once (raw body, CSRF token, through the one API
 * client) and the form keeps only the ids, which the record's save links. A refused file (type,
 * size) leaves the list and says why below it — tooltips do not work on phones. Removing an
 * uploaded file deletes it on the server.
 */
export function AttachmentUpload({ onChange, onBusyChange, downscaleImages = false }: Props) {
  const { t, lang } = useI18n();
  const [files, setFiles] = useState<UploadFile<Attachment>[]>([]);
  const [errors, setErrors] = useState<string[]>([]);
  const notify = useRef({ onChange, onBusyChange });
  notify.current = { onChange, onBusyChange };

  useEffect(() => {
    notify.current.onChange?.(files.flatMap((f) => (f.status === 'done' && f.response ? [f.response.id] : [])));
    notify.current.onBusyChange?.(files.some((f) => f.status === 'uploading'));
  }, [files]);

  const customRequest: UploadProps<Attachment>['customRequest'] = ({ file, onSuccess, onError }) => {
    const raw = file as File;
    (downscaleImages ? downscalePhoto(raw) : Promise.resolve(raw)).then((f) => uploadAttachment(f)).then(
      (attachment) => onSuccess?.(attachment),
      (err: unknown) => {
        setErrors((list) => [...list, t('attachments.failed', { name: raw.name, reason: errorText(err, t, lang) })]);
        onError?.(err instanceof Error ? err : new Error(String(err)));
      },
    );
  };

  return (
    <Flex vertical gap={8}>
      <Upload<Attachment>
        multiple
        accept={ACCEPTED_UPLOADS}
        maxCount={MAX_ATTACHMENTS_PER_RECORD}
        fileList={files}
        customRequest={customRequest}
        onChange={({ fileList }) => setFiles(fileList.filter((f) => f.status !== 'error'))}
        onRemove={(f) => {
          if (f.response) void deleteAttachment(f.response.id).catch(() => undefined);
          return true;
        }}
        beforeUpload={() => {
          setErrors([]);
          return true;
        }}
      >
        <Button icon={<UploadOutlined />} data-testid="attachment-upload">
          {t('attachments.choose')}
        </Button>
      </Upload>
      {errors.length > 0 && <Alert type="error" showIcon title={errors.join('；')} data-testid="attachment-error" />}
    </Flex>
  );
}
