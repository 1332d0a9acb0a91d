import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { ErrorNotice } from '../components/ErrorNotice';
import { LanguageSwitch } from '../app/LanguageSwitch';
import { homeOf } from '../app/role-home';
import { useSession } from '../app/SessionProvider';
import { beginOidcSignIn, type OidcProvider } from './oidc-sign-in';
import { session } from './session';

interface Credentials {
  username: string;
  password: string;
}

/** Sign-in with the gateway's built-in identity provider (`auth.devLogin`) and/or the external OpenID Connect one it trusts. */
export default function SignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const { state, restoring } = useSession();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [options, setOptions] = useState<{ builtIn: boolean; oidc: OidcProvider | null } | null>(null);
  useEffect(() => {
    session.signInOptions().then(setOptions, () => setOptions({ builtIn: true, oidc: null }));
  }, []);
  if (!restoring && state) return <Navigate to={homeOf(state.user.roles)} replace />;
  const from = (location.state as { from?: string } | null)?.from;
  const expired = params.get('expired') !== null;

  const external = async (provider: OidcProvider) => {
    setBusy(true);
    setError(null);
    try {
      await beginOidcSignIn(provider, from ?? null);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  const submit = async (values: Credentials) => {
    setBusy(true);
    setError(null);
    try {
      const signedIn = await session.signIn(values.username.trim(), values.password);
      navigate(from && from !== '/' ? from : homeOf(signedIn.user.roles), { replace: true });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="sign-in">
      <Card>
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
            <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
              {t('app.title')}
            </Typography.Title>
            <LanguageSwitch />
          </Space>
          <Typography.Text type="secondary">{t('signIn.subtitle')}</Typography.Text>
          {expired && <Alert type="warning" showIcon title={t('session.expired')} />}
          {error !== null && <ErrorNotice error={error} title={t('signIn.failed')} />}
          {options?.oidc && (
            <Button
              type="primary"
              block
              loading={busy}
              onClick={() => void external(options.oidc as OidcProvider)}
            >
              {t('signIn.withProvider', { name: options.oidc.displayName })}
            </Button>
          )}
          {options?.builtIn !== false && (
            <Form<Credentials> layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
              <Form.Item
                name="username"
                label={t('signIn.username')}
                rules={[{ required: true, message: t('signIn.usernameRequired') }]}
              >
                <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
              </Form.Item>
              <Form.Item
                name="password"
                label={t('signIn.password')}
                rules={[{ required: true, message: t('signIn.passwordRequired') }]}
              >
                <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
              </Form.Item>
              <Button type="primary" htmlType="submit" block loading={busy}>
                {t('signIn.submit')}
              </Button>
            </Form>
          )}
          {options?.builtIn !== false && (
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: 0 }}>
              {t('signIn.demoHint')}
            </Typography.Paragraph>
          )}
        </Space>
      </Card>
    </main>
  );
}
