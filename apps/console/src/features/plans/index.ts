import { FileTextOutlined } from '@ant-design/icons';
import type { ConsoleFeature } from '../feature';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';

const drafters = ['pilot-area-officer', 'province-officer'] as const;

/** The plans service's screens: implementation plans drafted by a pilot area and its province. */
export const plans: ConsoleFeature = {
  id: 'plans',
  messages: { 'zh-CN': zhCN, en },
  pages: [
    { path: 'plans', roles: drafters, load: () => import('./PlanListPage'), menuLabel: 'menu.plans', menuIcon: FileTextOutlined },
    { path: 'plans/:planId', roles: drafters, load: () => import('./PlanPage') },
  ],
};
