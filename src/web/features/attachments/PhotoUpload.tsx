import { CameraOutlined } from '@ant-design/icons';
import { Alert, Flex, Image, Upload, type UploadFile, type UploadProps } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { ACCEPTED_PHOTOS } from '../../../core/file-types.js';
import { MAX_ATTACHMENTS_PER_RECORD, type Attachment, type AttachmentRef } from '../../../core/schemas/attachments.schema.js';
import { useI18n } from '../../i18n/i18n.js';
import { downscalePhoto } from '../../lib/downscale-photo.js';
import { errorText } from '../../lib/errors.js';
import { attachmentUrl, deleteAttachment, uploadPhoto } from './attachments.queries.js';

interface Props {
  /** Form.Item passes the ids of new uploads; the list itself is kept here. */
  value?: string[];
  onChange?: (ids: string[]) => void;
  onBusyChange?: (busy: boolean) => void;
  /** Photos already on the record (shown first, not removable: they are evidence). */
  existing?: readonly AttachmentRef[];
  addLabel: string;
  testId?: string;
  /** A locked record: its photos only, no picker tile. */
  readOnly?: boolean;
}

/**
 * 照片: the image option of attachments for phones — the picker offers the camera, each photo is
 * made a ≤1600 px JPEG in the browser (a slow connection carries a few hundred KB, not megabytes),
 * then uploaded at once to `?image=true` (the server refuses non-images and pixel bombs and keeps a
 * 1600 px JPEG), and a refused one says why under the tiles. Shared by progress reports and
 * problem closing photos.
 */
export function PhotoUpload({ onChange, onBusyChange, existing = [], addLabel, testId = 'photo-upload', readOnly = false }: Props) {
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
    downscalePhoto(raw).then(uploadPhoto).then(
      (a) => onSuccess?.(a),
      (err: unknown) => {
        setErrors((list) => [...list, t('attachments.failed', { name: raw.name, reason: errorText(err, t, lang) })]);
        onError?.(err instanceof Error ? err : new Error(String(err)));
      },
    );
  };

  return (
    <Flex vertical gap={8}>
      {existing.length > 0 && (
        <Image.PreviewGroup>
          <Flex gap={8} wrap>
            {existing.map((p) => (
              <Image key={p.id} src={attachmentUrl(p.id)} alt={p.fileName} width={88} height={88} style={{ objectFit: 'cover', borderRadius: 6 }} />
            ))}
          </Flex>
        </Image.PreviewGroup>
      )}
      {!readOnly && (
      <Upload<Attachment>
        multiple
        listType="picture-card"
        accept={ACCEPTED_PHOTOS}
        maxCount={MAX_ATTACHMENTS_PER_RECORD - existing.length}
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
        data-testid={testId}
      >
        <Flex vertical align="center" gap={4}>
          <CameraOutlined style={{ fontSize: 20 }} />
          <span style={{ fontSize: 12 }}>{addLabel}</span>
        </Flex>
      </Upload>
      )}
      {errors.length > 0 && <Alert type="error" showIcon title={errors.join('；')} data-testid={`${testId}-error`} />}
    </Flex>
  );
}
