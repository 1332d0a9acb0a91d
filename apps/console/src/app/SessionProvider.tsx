import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { session, type SessionEvent, type SessionState } from '../session/session';

interface SessionValue {
  state: SessionState | null;
  /** still finding out whether a session survives from before the reload */
  restoring: boolean;
  lastEvent: SessionEvent | null;
}

const SessionContext = createContext<SessionValue>({ state: null, restoring: true, lastEvent: null });

export function SessionProvider({ children }: { children: ReactNode }) {
  const [value, setValue] = useState<SessionValue>({ state: session.current(), restoring: true, lastEvent: null });
  useEffect(() => {
    const off = session.subscribe((event) => setValue({ state: session.current(), restoring: false, lastEvent: event }));
    void session.restore().finally(() => setValue((v) => ({ ...v, state: session.current(), restoring: false })));
    return () => void off();
  }, []);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export const useSession = () => useContext(SessionContext);
