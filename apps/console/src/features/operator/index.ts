import { ApartmentOutlined, BranchesOutlined, HeartOutlined, TeamOutlined, WarningOutlined } from '@ant-design/icons';
import type { ConsoleFeature } from '../feature';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';

const operators = ['operator'] as const;

/** What operators run: tenants, users, dead letters, service health and traces. */
export const operator: ConsoleFeature = {
  id: 'operator',
  messages: { 'zh-CN': zhCN, en },
  pages: [
    { path: 'operator/users', roles: operators, load: () => import('./UsersPage'), menuLabel: 'menu.users', menuIcon: TeamOutlined },
    { path: 'operator/tenants', roles: operators, load: () => import('./TenantsPage'), menuLabel: 'menu.tenants', menuIcon: ApartmentOutlined },
    {
      path: 'operator/dead-letters',
      roles: operators,
      load: () => import('./DeadLettersPage'),
      menuLabel: 'menu.deadLetters',
      menuIcon: WarningOutlined,
    },
    { path: 'operator/health', roles: operators, load: () => import('./HealthPage'), menuLabel: 'menu.health', menuIcon: HeartOutlined },
    { path: 'operator/traces', roles: operators, load: () => import('./TracesPage'), menuLabel: 'menu.traces', menuIcon: BranchesOutlined },
    { path: 'operator/traces/:traceId', roles: operators, load: () => import('./TracePage') },
  ],
};
