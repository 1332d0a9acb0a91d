import { SafetyCertificateOutlined } from '@ant-design/icons';
import type { ConsoleFeature } from '../feature';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';

/** The gateway's record of cross-province calls, for the ministry. */
export const audit: ConsoleFeature = {
  id: 'audit',
  messages: { 'zh-CN': zhCN, en },
  pages: [
    {
      path: 'audit',
      roles: ['ministry-officer'],
      load: () => import('./AuditLogPage'),
      menuLabel: 'menu.audit',
      menuIcon: SafetyCertificateOutlined,
    },
  ],
};
