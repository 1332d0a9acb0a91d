import { Card, Space, Spin, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { homeOf } from '../app/role-home';
import { ErrorNotice } from '../components/ErrorNotice';
import { completeOidcSignIn } from './oidc-sign-in';
import { session } from './session';

/** Where the external provider sends the browser back: the code becomes the session's access token. */
export default function OidcCallbackPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  // the code is good for one exchange: never run twice (React may mount a page twice in development)
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void (async () => {
      try {
        const { accessToken, expiresAt, from } = await completeOidcSignIn(new URLSearchParams(window.location.search));
        const signedIn = await session.signInWithToken(accessToken, expiresAt);
        void navigate(from && from !== '/' ? from : homeOf(signedIn.user.roles), { replace: true });
      } catch (err) {
        setError(err);
      }
    })();
  }, [navigate]);
  return (
    <main className="sign-in">
      <Card>
        {error === null ? (
          <Space>
            <Spin />
            <Typography.Text>{t('signIn.completing')}</Typography.Text>
          </Space>
        ) : (
          <Space orientation="vertical">
            <ErrorNotice error={error} title={t('signIn.failed')} />
            <Link to="/sign-in">{t('signIn.again')}</Link>
          </Space>
        )}
      </Card>
    </main>
  );
}
