import { Spin } from 'antd';
import { lazy, Suspense, type ComponentType, type JSX } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { features } from '../features';
import type { FeaturePage } from '../features/feature';
import { RequireRole } from './RequireRole';

// the sign-in page and the workspace frame are chunks of their own: the entry stays small
const SignInPage = lazy(() => import('../session/SignInPage'));
const OidcCallbackPage = lazy(() => import('../session/OidcCallbackPage'));
const Shell = lazy(() => import('./Shell'));
const HomeRedirect = lazy(() => import('./HomeRedirect'));
const NotFoundPage = lazy(() => import('./NotFoundPage'));
const loading = <Spin size="large" className="page-loading" />;
const suspended = (element: JSX.Element) => <Suspense fallback={loading}>{element}</Suspense>;

const loaded = new Map<FeaturePage, ComponentType>();
/** Each page is its own chunk, loaded when first opened. */
function pageElement(page: FeaturePage) {
  let Page = loaded.get(page);
  if (!Page) {
    Page = lazy(page.load);
    loaded.set(page, Page);
  }
  return (
    <RequireRole roles={page.roles}>
      <Suspense fallback={loading}>
        <Page />
      </Suspense>
    </RequireRole>
  );
}

export const router = createBrowserRouter([
  { path: '/sign-in', element: suspended(<SignInPage />) },
  { path: '/sign-in/callback', element: suspended(<OidcCallbackPage />) },
  {
    path: '/',
    element: suspended(<Shell />),
    children: [
      { index: true, element: suspended(<HomeRedirect />) },
      ...features.flatMap((f) => f.pages.map((page) => ({ path: page.path, element: pageElement(page) }))),
      { path: '*', element: suspended(<NotFoundPage />) },
    ],
  },
  { path: '*', element: <Navigate to="/" replace /> },
]);
