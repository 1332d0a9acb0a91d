import { AuditOutlined, FileProtectOutlined, InboxOutlined, UserSwitchOutlined } from '@ant-design/icons';
import type { ConsoleFeature } from '../feature';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';

/**
 * The approvals service's screens: the inbox of cases awaiting the caller, one case, consultations,
 * delegation windows, and the administrative matters delegated to a province.
 */
export const approvals: ConsoleFeature = {
  id: 'approvals',
  messages: { 'zh-CN': zhCN, en },
  pages: [
    {
      path: 'inbox',
      roles: ['province-officer', 'ministry-officer'],
      load: () => import('./InboxPage'),
      menuLabel: 'menu.inbox',
      menuIcon: InboxOutlined,
    },
    {
      path: 'consultations',
      roles: ['department-liaison'],
      load: () => import('./ConsultationsPage'),
      menuLabel: 'menu.consultations',
      menuIcon: AuditOutlined,
    },
    {
      path: 'matters',
      roles: ['province-officer'],
      load: () => import('./MattersPage'),
      menuLabel: 'menu.matters',
      menuIcon: FileProtectOutlined,
    },
    {
      path: 'delegations',
      roles: ['province-officer', 'ministry-officer', 'department-liaison'],
      load: () => import('./DelegationsPage'),
      menuLabel: 'menu.delegations',
      menuIcon: UserSwitchOutlined,
    },
    {
      path: 'cases/:caseId',
      roles: ['province-officer', 'ministry-officer', 'department-liaison', 'pilot-area-officer'],
      load: () => import('./CasePage'),
    },
  ],
};
