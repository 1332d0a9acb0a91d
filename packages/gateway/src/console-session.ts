import type { ProcedureContext } from '@tradepilot/service-kit';
import { parse } from 'cookie';
import type { Request, Response } from 'express';

/** The console's refresh token: httpOnly (no script reads it), sent only on same-site calls to /trpc. */
export const consoleRefreshCookie = 'tp_console_refresh';
const cookiePath = '/trpc';

/** A browser session of the console: the refresh token lives in a cookie the gateway sets. */
export interface ConsoleSession {
  /** the refresh token the browser sent, if any */
  readonly refreshToken: string | undefined;
  /** sets the cookie to a new refresh token */
  keep(token: string, expiresAt: Date): void;
  /** removes the cookie */
  end(): void;
}

/** The gateway's own procedures see the console session of the request (the auth router uses it). */
export interface GatewayProcedureContext extends ProcedureContext {
  consoleSession?: ConsoleSession;
}

/** The session of one request, and what to send back once the procedures have answered. */
export function consoleSessionOf(req: Request): { session: ConsoleSession; apply(res: Response): void } {
  const sent = parse(req.headers.cookie ?? '')[consoleRefreshCookie];
  let change: { token: string; expiresAt: Date } | 'end' | undefined;
  return {
    session: {
      refreshToken: sent,
      keep: (token, expiresAt) => void (change = { token, expiresAt }),
      end: () => void (change = 'end'),
    },
    apply(res) {
      const options = { httpOnly: true, sameSite: 'strict', secure: req.secure, path: cookiePath } as const;
      if (change === 'end') res.clearCookie(consoleRefreshCookie, options);
      else if (change) res.cookie(consoleRefreshCookie, change.token, { ...options, expires: change.expiresAt });
    },
  };
}
