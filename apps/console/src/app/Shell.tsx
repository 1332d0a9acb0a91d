import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Layout, Menu, Space, Spin, Typography } from 'antd';
import { createElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { features } from '../features';
import { session } from '../session/session';
import { LanguageSwitch } from './LanguageSwitch';
import { useSession } from './SessionProvider';

/** The frame every workspace shares: the menu of what the user's roles may open, language, sign-out. */
export default function Shell() {
  const { t } = useTranslation();
  const { state, restoring, lastEvent } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [collapsed, setCollapsed] = useState(false);
  if (restoring) return <Spin size="large" className="page-loading" fullscreen />;
  if (!state) {
    const reason = lastEvent === 'expired' ? '?expired=1' : '';
    return <Navigate to={`/sign-in${reason}`} replace state={{ from: location.pathname }} />;
  }
  const roles = state.user.roles;
  const items = features.flatMap((f) =>
    f.pages
      .filter((p) => p.menuLabel && p.roles.some((r) => roles.includes(r)))
      .map((p) => ({
        key: `/${p.path}`,
        icon: p.menuIcon ? createElement(p.menuIcon) : undefined,
        label: t(`${f.id}:${p.menuLabel}`),
      })),
  );
  const selected = items.filter((i) => location.pathname.startsWith(i.key)).map((i) => i.key);
  const signOut = async () => {
    await session.signOut().catch(() => undefined);
    queryClient.clear();
    navigate('/sign-in', { replace: true });
  };
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        breakpoint="lg"
        collapsedWidth={0}
        collapsed={collapsed}
        onCollapse={setCollapsed}
        width={220}
        theme="light"
      >
        <div className="brand">
          <Typography.Text strong>{t('app.shortTitle')}</Typography.Text>
        </div>
        <nav aria-label={t('app.menu')}>
          <Menu
            mode="inline"
            items={items}
            selectedKeys={selected}
            onClick={(e) => {
              navigate(e.key);
              if (window.innerWidth < 992) setCollapsed(true);
            }}
          />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header className="console-header">
          <Typography.Title level={1} className="console-title">
            {t('app.title')}
          </Typography.Title>
          <Space wrap size="small">
            <LanguageSwitch />
            <span data-testid="signed-in-user">
              <UserOutlined /> {state.user.displayName}
            </span>
            <Button size="small" icon={<LogoutOutlined />} onClick={() => void signOut()}>
              {t('session.signOut')}
            </Button>
          </Space>
        </Layout.Header>
        {/* antd's Content is the page's <main> */}
        <Layout.Content className="console-content">
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
