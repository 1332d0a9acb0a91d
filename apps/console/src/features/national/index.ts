import { DashboardOutlined } from '@ant-design/icons';
import type { ConsoleFeature } from '../feature';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';

/** The ministry's national picture: every province and pilot area, with drill-down (the audited national reads). */
export const national: ConsoleFeature = {
  id: 'national',
  messages: { 'zh-CN': zhCN, en },
  pages: [
    {
      path: 'dashboard',
      roles: ['ministry-officer'],
      load: () => import('./DashboardPage'),
      menuLabel: 'menu.dashboard',
      menuIcon: DashboardOutlined,
    },
    { path: 'national/:province/plans/:planId', roles: ['ministry-officer'], load: () => import('./NationalPlanPage') },
  ],
};
