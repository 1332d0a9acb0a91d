import { sampleHolidayCalendar2026, WorkingCalendar } from '@tradepilot/timers';
import {
  ageBucketOf,
  finalEscalationHolder,
  hopAbove,
  hopAt,
  issueChain,
  keyIssueRouting,
  slaDueAt,
} from './key-issue-routing';

const routing = keyIssueRouting();
const calendar = new WorkingCalendar([sampleHolidayCalendar2026]);
const guangzhou = { province: 'guangdong', dualRoleGovernment: false, departmentIds: ['safe', 'pbc'] };

describe('the chain of a key issue (routing data)', () => {
  it('goes area → province → ministry → the departments of its measures, each with its SLA', () => {
    expect(issueChain(routing, guangzhou)).toEqual([
      { holder: { level: 'province', organisationIds: ['guangdong'] }, slaWorkingDays: 5 },
      { holder: { level: 'ministry', organisationIds: ['mofcom'] }, slaWorkingDays: 10 },
      { holder: { level: 'department', organisationIds: ['safe', 'pbc'] }, slaWorkingDays: 15 },
    ]);
  });

  it('passes over the province in a dual-role government: the data says so, not the code', () => {
    const hainan = { province: 'hainan', dualRoleGovernment: true, departmentIds: ['gacc'] };
    const chain = issueChain(routing, hainan);
    expect(chain.map((h) => h.holder.level)).toEqual(['ministry', 'department']);
    expect(hopAbove(chain, 'pilot-area')?.holder).toEqual({ level: 'ministry', organisationIds: ['mofcom'] });
    // without the rule in the data, the same area would go to its province first
    const withoutRule = {
      ...routing,
      levels: routing.levels.map(({ inDualRoleGovernment: _skip, ...l }) => l),
    };
    expect(hopAbove(issueChain(withoutRule, hainan), 'pilot-area')?.holder.level).toBe('province');
  });

  it('ends at the ministry when no responsible department is known', () => {
    const chain = issueChain(routing, { ...guangzhou, departmentIds: [] });
    expect(chain.map((h) => h.holder.level)).toEqual(['province', 'ministry']);
    expect(hopAbove(chain, 'ministry')).toBeNull();
  });

  it('finds the hop above a level, the hop at a level, and the final escalation', () => {
    const chain = issueChain(routing, guangzhou);
    expect(hopAbove(chain, 'pilot-area')?.holder.level).toBe('province');
    expect(hopAbove(chain, 'province')?.holder.level).toBe('ministry');
    expect(hopAbove(chain, 'ministry')?.holder.level).toBe('department');
    expect(hopAbove(chain, 'department')).toBeNull();
    expect(hopAt(chain, 'ministry')?.slaWorkingDays).toBe(10);
    expect(finalEscalationHolder(routing, guangzhou)).toEqual({
      level: 'ministry',
      organisationIds: ['mofcom'],
    });
  });
});

describe('SLA due dates on the working calendar (China time)', () => {
  it('counts working days from the day the issue arrived, skipping the May Day holiday and working its Saturday', () => {
    // Wednesday 29 April 2026, 10:00 in Beijing; 1–5 May are off, Saturday 9 May is worked
    const due = slaDueAt(calendar, new Date('2026-04-29T02:00:00Z'), 5);
    // 30 Apr, 6, 7, 8 and 9 May: the SLA passes when 9 May ends in China
    expect(due.toISOString()).toBe('2026-05-09T16:00:00.000Z');
  });

  it('takes the China date of the arrival, not the UTC one', () => {
    // Friday 6 March 2026, 23:30 in Beijing is still 15:30 UTC the same day; Saturday 00:30 is Friday in UTC
    expect(slaDueAt(calendar, new Date('2026-03-06T15:30:00Z'), 5).toISOString()).toBe(
      '2026-03-13T16:00:00.000Z',
    );
    expect(slaDueAt(calendar, new Date('2026-03-06T16:30:00Z'), 5).toISOString()).toBe(
      '2026-03-13T16:00:00.000Z',
    );
    // arriving on Sunday: the first working day counted is Monday
    expect(slaDueAt(calendar, new Date('2026-03-08T02:00:00Z'), 1).toISOString()).toBe(
      '2026-03-09T16:00:00.000Z',
    );
  });

  it('sorts ages into buckets', () => {
    expect([0, 7, 8, 30, 31, 90, 91].map(ageBucketOf)).toEqual([
      '0-7',
      '0-7',
      '8-30',
      '8-30',
      '31-90',
      '31-90',
      '91+',
    ]);
  });
});
