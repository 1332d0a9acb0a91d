import { approvalDate, versionForPeriod } from './plan-version-for-period';

const version = (submission: number, approvedAt: string) => ({
  submission,
  approvedAt: new Date(approvedAt),
});
const q2 = { start: '2026-04-01', end: '2026-06-30' };

describe('the plan version a reporting period reports on', () => {
  it('dates an approval in China time: late evening UTC is the next day there', () => {
    expect(approvalDate(new Date('2026-03-31T15:59:00Z'))).toBe('2026-03-31');
    expect(approvalDate(new Date('2026-03-31T16:00:00Z'))).toBe('2026-04-01');
  });

  it('takes the newest version approved before the period started', () => {
    const versions = [version(1, '2026-01-10T02:00:00Z'), version(2, '2026-03-20T02:00:00Z')];
    expect(versionForPeriod(versions, q2)?.submission).toBe(2);
  });

  it('an amendment approved during the period applies from the next period only', () => {
    const versions = [version(1, '2026-01-10T02:00:00Z'), version(3, '2026-05-05T02:00:00Z')];
    expect(versionForPeriod(versions, q2)?.submission).toBe(1);
    expect(versionForPeriod(versions, { start: '2026-07-01', end: '2026-09-30' })?.submission).toBe(3);
  });

  it('a plan first approved during the period applies to it from its first version', () => {
    const versions = [version(2, '2026-06-01T02:00:00Z'), version(1, '2026-04-20T02:00:00Z')];
    expect(versionForPeriod(versions, q2)?.submission).toBe(1);
  });

  it('nothing when no version was approved by the end of the period', () => {
    expect(versionForPeriod([version(1, '2026-07-02T02:00:00Z')], q2)).toBeUndefined();
    expect(versionForPeriod([], q2)).toBeUndefined();
  });
});
