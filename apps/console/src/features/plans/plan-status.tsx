import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const colors: Record<string, string> = {
  drafting: 'default',
  submitted: 'processing',
  returned: 'warning',
  approved: 'success',
  implementing: 'cyan',
  closed: 'default',
  'not-started': 'default',
};

export function PlanStatusTag({ status }: { status: string }) {
  const { t } = useTranslation('plans');
  return <Tag color={colors[status] ?? 'default'}>{t(`status.${status}`)}</Tag>;
}
