import { z } from 'zod';

/** Who inspects a pilot area (督查): the ministry or the area's province. */
export const inspectorLevels = ['ministry', 'province'] as const;
export const inspectorLevelSchema = z.enum(inspectorLevels);
export type InspectorLevel = z.infer<typeof inspectorLevelSchema>;

/** How serious a finding is: it sets how closely its rectification (整改) is followed. */
export const findingSeverities = ['minor', 'major', 'serious'] as const;
export const findingSeveritySchema = z.enum(findingSeverities);
export type FindingSeverity = z.infer<typeof findingSeveritySchema>;
