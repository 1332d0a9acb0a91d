import type { Inputs, Outputs } from '../../api/app-router';

export type PracticeView = Outputs['practice']['get'];
type SaveInput = Inputs['practice']['save'];

/** What the draft editor holds (the form's fields). */
export interface PracticeFormValues {
  titleZh: string;
  titleEn?: string;
  taskGroupId?: string | null;
  measureIds: string[];
  coAuthors: string[];
  practice?: string;
  results?: string;
  figures: { label: string; value: number; unit?: string }[];
  replicationConditions?: string;
  tags: string[];
  contactName?: string;
  contactPhone?: string;
  contactEmail?: string;
}

export const toFormValues = (p: PracticeView): PracticeFormValues => ({
  titleZh: p.title['zh-CN'],
  titleEn: p.title.en,
  taskGroupId: p.taskGroupId,
  measureIds: p.measureIds,
  coAuthors: p.coAuthors.map((c) => c.pilotAreaId),
  practice: p.practice,
  results: p.results,
  figures: p.figures,
  replicationConditions: p.replicationConditions,
  tags: p.tags,
  contactName: p.contactUnit?.name ?? '',
  contactPhone: p.contactUnit?.phone ?? '',
  contactEmail: p.contactUnit?.email ?? '',
});

const trimmed = (s: string | undefined | null) => (s ?? '').trim();

/** The whole editable content, conditional on the version the editor saw. */
export function toSaveInput(p: PracticeView, v: PracticeFormValues, attachmentIds: string[]): SaveInput {
  const contactName = trimmed(v.contactName);
  return {
    practiceId: p.id,
    version: p.version,
    title: { 'zh-CN': trimmed(v.titleZh), en: trimmed(v.titleEn) },
    coAuthors: v.coAuthors ?? [],
    taskGroupId: v.taskGroupId ?? null,
    measureIds: v.measureIds ?? [],
    practice: trimmed(v.practice),
    results: trimmed(v.results),
    figures: (v.figures ?? []).map((f) => ({ label: trimmed(f.label), value: Number(f.value), unit: trimmed(f.unit) })),
    replicationConditions: trimmed(v.replicationConditions),
    tags: v.tags ?? [],
    attachmentIds,
    contactUnit: contactName
      ? { name: contactName, phone: trimmed(v.contactPhone) || null, email: trimmed(v.contactEmail) || null }
      : null,
  };
}

/** The message key of each saved part, for "what differs" after a conflict. */
export const partLabels: Record<string, string> = {
  title: 'mine.column.title',
  coAuthors: 'practice.coAuthors',
  taskGroupId: 'practice.taskGroup',
  measureIds: 'practice.measures',
  practice: 'practice.practice',
  results: 'practice.results',
  figures: 'practice.figures',
  replicationConditions: 'practice.replicationConditions',
  tags: 'practice.tags',
  attachmentIds: 'practice.attachments',
  contactUnit: 'practice.contactUnit',
};

/** The parts where the editor's content and the newer saved version differ. */
export function differingParts(mine: SaveInput, theirs: PracticeView): string[] {
  const theirsAsInput = toSaveInput(theirs, toFormValues(theirs), theirs.attachments.map((a) => a.id));
  return Object.keys(partLabels).filter(
    (part) => JSON.stringify(mine[part as keyof SaveInput]) !== JSON.stringify(theirsAsInput[part as keyof SaveInput]),
  );
}
