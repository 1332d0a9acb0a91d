import { Result } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from './SessionProvider';

/** Only what the role may do is offered (the server refuses anyway). */
export function RequireRole({ roles, children }: { roles: readonly string[]; children: ReactNode }) {
  const { t } = useTranslation();
  const { state } = useSession();
  if (!state || !state.user.roles.some((r) => roles.includes(r)))
    return <Result status="403" title={t('forbidden.title')} subTitle={t('forbidden.text')} />;
  return children;
}
