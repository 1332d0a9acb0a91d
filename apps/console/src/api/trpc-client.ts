import { createTRPCClient, httpLink, type TRPCClient, type TRPCLink } from '@trpc/client';
import { observable } from '@trpc/server/observable';
import type { AppRouter } from './app-router';
import { session } from '../session/session';

/**
 * An expired access token gets one refresh (serialised across tabs) and one retry; the sign-in
 * procedures themselves are never retried.
 */
const refreshOnUnauthorized: TRPCLink<AppRouter> =
  () =>
  ({ next, op }) =>
    observable((observer) => {
      let retried = false;
      let current = next(op).subscribe({
        next: (value) => observer.next(value),
        complete: () => observer.complete(),
        error: (error) => {
          const status =
            (error.data as { httpStatus?: number } | undefined)?.httpStatus ??
            (error.meta as { response?: Response } | undefined)?.response?.status;
          if (status !== 401 || retried || op.path.startsWith('auth.')) {
            observer.error(error);
            return;
          }
          retried = true;
          void session.refresh().then((ok) => {
            if (!ok) {
              observer.error(error);
              return;
            }
            current = next(op).subscribe(observer);
          });
        },
      });
      return () => current.unsubscribe();
    });

/** One HTTP request per call (no batching): each answer carries its own trace id. */
export const api: TRPCClient<AppRouter> = createTRPCClient<AppRouter>({
  links: [
    refreshOnUnauthorized,
    httpLink({
      url: '/trpc',
      headers: () => {
        const token = session.accessToken();
        return token ? { authorization: `Bearer ${token}` } : {};
      },
    }),
  ],
});
