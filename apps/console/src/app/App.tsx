import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { RouterProvider } from 'react-router';
import { isUnauthorized } from '../api/api-error';
import { useReducedMotion } from './reduced-motion';
import { router } from './routes';
import { SessionProvider } from './SessionProvider';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      refetchOnWindowFocus: false,
      retry: (count, error) => !isUnauthorized(error) && count < 1,
    },
  },
});

const baseTheme = {
  token: {
    colorPrimary: '#b71c1c',
    // antd's secondary, description and placeholder greys are below WCAG AA's 4.5:1 on white
    colorTextSecondary: 'rgba(0, 0, 0, 0.68)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.6)',
    // and so is its default link blue (#1677ff, 4.1:1)
    colorLink: '#0958d9',
    // and its error red (#ff4d4f, 3.3:1), which danger buttons write their label in
    colorError: '#cf1322',
    borderRadius: 4,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Segoe UI', Roboto, sans-serif",
  },
  components: {
    // a table's empty text is drawn in the disabled grey (1.6:1), though it is text to read
    Table: { colorTextDisabled: 'rgba(0, 0, 0, 0.62)' },
  },
};

export function App() {
  const { i18n } = useTranslation();
  const english = i18n.language === 'en';
  const reducedMotion = useReducedMotion();
  const theme = useMemo(
    () => ({ ...baseTheme, token: { ...baseTheme.token, motion: !reducedMotion } }),
    [reducedMotion],
  );
  useEffect(() => {
    document.documentElement.lang = i18n.language;
    dayjs.locale(english ? 'en' : 'zh-cn');
  }, [i18n.language, english]);
  return (
    <ConfigProvider locale={english ? enUS : zhCN} theme={theme}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <SessionProvider>
            <RouterProvider router={router} />
          </SessionProvider>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
