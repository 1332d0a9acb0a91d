import type { Role } from '@tradepilot/contracts';
import type { ComponentType } from 'react';
import type { Language } from '../i18n/languages';

/** A page of a feature: its path under the console, who may open it, and the component (loaded on demand). */
export interface FeaturePage {
  path: string;
  roles: readonly Role[];
  load: () => Promise<{ default: ComponentType }>;
  /** shown in the side menu under this key of the feature's messages (pages without one are reached by links) */
  menuLabel?: string;
  menuIcon?: ComponentType;
}

/**
 * One folder per service's screens: `features/<id>/` holds its pages, its messages in both
 * languages and this description. Adding a service's screens is adding a folder and one line
 * in `features/index.ts`.
 */
export interface ConsoleFeature {
  id: string;
  pages: FeaturePage[];
  messages: Record<Language, Record<string, unknown>>;
}
