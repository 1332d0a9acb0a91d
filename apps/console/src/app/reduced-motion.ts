import { useSyncExternalStore } from 'react';

/**
 * Whether the person asked their system for less motion (WCAG 2.3.3): antd's transitions and the
 * charts' animations are then off. Followed live, as the setting can change while a page is open.
 */
const query = '(prefers-reduced-motion: reduce)';

const subscribe = (onChange: () => void) => {
  const list = window.matchMedia(query);
  list.addEventListener('change', onChange);
  return () => list.removeEventListener('change', onChange);
};

export const prefersReducedMotion = (): boolean => window.matchMedia(query).matches;

export function useReducedMotion(): boolean {
  return useSyncExternalStore(subscribe, prefersReducedMotion, () => false);
}
