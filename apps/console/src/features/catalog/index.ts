import { BookOutlined } from '@ant-design/icons';
import type { ConsoleFeature } from '../feature';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';

/** The measures catalog (plans service): the ministry edits, imports and exports it. */
export const catalog: ConsoleFeature = {
  id: 'catalog',
  messages: { 'zh-CN': zhCN, en },
  pages: [
    {
      path: 'catalog',
      roles: ['ministry-officer', 'operator'],
      load: () => import('./CatalogPage'),
      menuLabel: 'menu.catalog',
      menuIcon: BookOutlined,
    },
  ],
};
