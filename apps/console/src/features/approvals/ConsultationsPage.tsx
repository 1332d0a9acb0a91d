import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../components/PageTitle';
import { InboxTable } from './InboxTable';

/** A department liaison's consultations: the cases whose steps are routed to the department. */
export default function ConsultationsPage() {
  const { t } = useTranslation('approvals');
  return (
    <>
      <PageTitle>{t('consultations.title')}</PageTitle>
      <Typography.Paragraph type="secondary">{t('consultations.text')}</Typography.Paragraph>
      <InboxTable bulk={false} />
    </>
  );
}
