import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../components/PageTitle';
import { InboxTable } from './InboxTable';

export default function InboxPage() {
  const { t } = useTranslation('approvals');
  return (
    <>
      <PageTitle>{t('inbox.title')}</PageTitle>
      <InboxTable bulk />
    </>
  );
}
