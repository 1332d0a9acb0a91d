import { approvals } from './approvals';
import { audit } from './audit';
import { catalog } from './catalog';
import type { ConsoleFeature } from './feature';
import { national } from './national';
import { operator } from './operator';
import { plans } from './plans';
import { practices } from './practices';

/** The console's screens, one folder each (a new service's screens: a folder and a line here). */
export const features: ConsoleFeature[] = [national, approvals, plans, practices, catalog, audit, operator];
