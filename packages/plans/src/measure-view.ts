import type { LocalizedText } from '@tradepilot/contracts';
import { toAuditView, type AuditEntryView } from './audit-entry';
import type { MeasureDocument, MeasureStatus } from './measure-model';

export interface MeasureView {
  id: string;
  taskGroupId: string;
  text: LocalizedText;
  responsibleDepartments: string[];
  pilotAreas: string[];
  regulatoryAdjustment: boolean;
  status: MeasureStatus;
  illustrative: boolean;
  version: number;
  updatedAt: string;
  updatedBy: string;
}

export const toMeasureView = (m: MeasureDocument): MeasureView => ({
  id: m._id,
  taskGroupId: m.taskGroupId,
  text: m.text,
  responsibleDepartments: m.responsibleDepartments,
  pilotAreas: m.pilotAreas,
  regulatoryAdjustment: m.regulatoryAdjustment,
  status: m.status,
  illustrative: m.illustrative,
  version: m.version,
  updatedAt: m.updatedAt.toISOString(),
  updatedBy: m.updatedBy,
});

export const measureHistoryView = (m: MeasureDocument): AuditEntryView[] =>
  [...m.history].reverse().map(toAuditView);
