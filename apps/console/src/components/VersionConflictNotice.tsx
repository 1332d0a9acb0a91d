import { Alert, Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormat } from './format';

/** What a version-conditional save that lost learns: who saved the newer version, and when. */
export interface VersionConflict {
  savedBy: string;
  savedAt: string;
  /** the parts where the caller's changes differ from the newer version, once compared */
  parts: string[] | null;
}

/** "X saved a newer version at T — reload or compare", for every record saved on the version read. */
export function VersionConflictNotice({
  conflict,
  onReload,
  onCompare,
}: {
  conflict: VersionConflict;
  onReload: () => void;
  onCompare: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      title={t('conflict.text', { user: conflict.savedBy, at: format.dateTime(conflict.savedAt) })}
      description={
        conflict.parts &&
        (conflict.parts.length === 0
          ? t('conflict.noDifference')
          : t('conflict.parts', { parts: conflict.parts.join('、') }))
      }
      action={
        <Space orientation="vertical">
          <Button size="small" type="primary" onClick={onReload}>
            {t('conflict.reload')}
          </Button>
          <Button size="small" onClick={onCompare}>
            {t('conflict.compare')}
          </Button>
        </Space>
      }
    />
  );
}
