/** The date an approval took effect, in China's time zone (periods are calendar dates there). */
export const approvalDate = (approvedAt: Date): string =>
  new Date(approvedAt.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * The plan version a reporting period reports on. An amendment approved during a period
 * replaces the version in force from the next period on, so a period gets the newest version
 * approved before it started; a plan first approved during the period applies to it from its
 * first version. Undefined: no version was approved by the period's end.
 */
export function versionForPeriod<V extends { approvedAt: Date; submission: number }>(
  versions: readonly V[],
  period: { start: string; end: string },
): V | undefined {
  const ordered = [...versions].sort((a, b) => a.submission - b.submission);
  const before = ordered.filter((v) => approvalDate(v.approvedAt) < period.start);
  if (before.length > 0) return before[before.length - 1];
  return ordered.find((v) => approvalDate(v.approvedAt) <= period.end);
}
