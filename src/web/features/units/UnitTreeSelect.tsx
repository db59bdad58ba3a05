import { TreeSelect, type TreeSelectProps } from 'antd';
import { useMemo } from 'react';
import { useI18n } from '../../i18n/i18n.js';
import { unitOptions } from './unit-tree.js';
import { useUnits } from './units.queries.js';

type Props = Omit<TreeSelectProps<string>, 'treeData'> & { exclude?: string };

/** Picks one (not archived) unit from the unit tree. */
export function UnitTreeSelect({ exclude, ...props }: Props) {
  const { t } = useI18n();
  const units = useUnits();
  const treeData = useMemo(() => unitOptions(units.data ?? [], exclude ? { exclude } : {}), [units.data, exclude]);
  return (
    <TreeSelect<string>
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandAll
      placeholder={t('field.unitPlaceholder')}
      loading={units.isPending}
      treeData={treeData}
      popupMatchSelectWidth={false}
      {...props}
    />
  );
}
