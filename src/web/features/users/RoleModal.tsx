import { Alert, Form, Modal, Select } from 'antd';
import { useState } from 'react';
import { ROLE_LABELS, type Role } from '../../../core/roles.js';
import type { User } from '../../../core/schemas/users.schema.js';
import { ConflictAlert, conflictCurrent } from '../../components/ConflictAlert.js';
import { useI18n } from '../../i18n/i18n.js';
import { errorText } from '../../lib/errors.js';
import { roleOptions } from './role-options.js';
import { useSetRole } from './users.queries.js';

/** 分配角色 (security administrator only). */
export function RoleModal({ user, onClose, onSaved }: { user: User; onClose: () => void; onSaved: () => void }) {
  const { t, lang } = useI18n();
  const setRole = useSetRole();
  const [role, setRoleValue] = useState<Role>(user.role);
  const [version, setVersion] = useState(user.version);
  const [conflict, setConflict] = useState<User | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal
      open
      title={t('users.changeRoleOf', { name: user.displayName })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      okButtonProps={{ disabled: role === user.role && !conflict }}
      confirmLoading={setRole.isPending}
      onOk={() => {
        setError(null);
        setRole.mutate(
          { id: user.id, version, role },
          {
            onSuccess: onSaved,
            onError: (err) => {
              const current = conflictCurrent<User>(err);
              if (current) setConflict(current);
              else setError(errorText(err, t, lang));
            },
          },
        );
      }}
      destroyOnHidden
    >
      {conflict && (
        <ConflictAlert
          onReload={() => {
            setRoleValue(conflict.role);
            setVersion(conflict.version);
            setConflict(null);
          }}
        />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form layout="vertical">
        <Form.Item label={t('users.currentRole')}>{ROLE_LABELS[user.role][lang]}</Form.Item>
        <Form.Item label={t('users.newRole')}>
          <Select<Role> value={role} onChange={setRoleValue} options={roleOptions(lang)} />
        </Form.Item>
      </Form>
      <Alert type="info" showIcon title={t('users.roleHint')} />
    </Modal>
  );
}
