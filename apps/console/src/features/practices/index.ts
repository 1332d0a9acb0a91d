import { AppstoreOutlined, BranchesOutlined, EditOutlined, ReadOutlined, TableOutlined } from '@ant-design/icons';
import type { ConsoleFeature } from '../feature';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';

/** Everyone who works in the program reads the library; operators read no domain data. */
const readers = ['pilot-area-officer', 'province-officer', 'ministry-officer', 'department-liaison'] as const;
const provincial = ['pilot-area-officer', 'province-officer'] as const;
const ministry = ['ministry-officer'] as const;

/** The practices service's screens: drafts, the published library, batches, replication. */
export const practices: ConsoleFeature = {
  id: 'practices',
  messages: { 'zh-CN': zhCN, en },
  pages: [
    { path: 'practices/library', roles: readers, load: () => import('./LibraryPage'), menuLabel: 'menu.library', menuIcon: ReadOutlined },
    { path: 'practices/library/:practiceId', roles: readers, load: () => import('./LibraryPracticePage') },
    { path: 'practices/mine', roles: provincial, load: () => import('./MyPracticesPage'), menuLabel: 'menu.mine', menuIcon: EditOutlined },
    { path: 'practices/mine/:practiceId', roles: provincial, load: () => import('./PracticeDraftPage') },
    { path: 'practices/adoptions', roles: provincial, load: () => import('./AdoptionsPage'), menuLabel: 'menu.adoptions', menuIcon: BranchesOutlined },
    { path: 'practices/batches', roles: ministry, load: () => import('./BatchesPage'), menuLabel: 'menu.batches', menuIcon: AppstoreOutlined },
    { path: 'practices/matrix', roles: ministry, load: () => import('./MatrixPage'), menuLabel: 'menu.matrix', menuIcon: TableOutlined },
  ],
};
