import type { IssueHolder } from '@tradepilot/contracts';
import { countIssues } from './key-issue-counts';
import { allowedActions, refusalOf, type IssueState } from './key-issue-transitions';

const area: IssueHolder = { level: 'pilot-area', organisationIds: ['guangzhou'] };
const province: IssueHolder = { level: 'province', organisationIds: ['guangdong'] };
const departments: IssueHolder = { level: 'department', organisationIds: ['safe', 'pbc'] };
const issue = (over: Partial<IssueState> = {}): IssueState => ({
  status: 'open',
  holder: province,
  raisedBy: area,
  reopened: 0,
  ...over,
});
const guangzhouOfficer = { level: 'pilot-area', organisationId: 'guangzhou' } as const;
const shenzhenOfficer = { level: 'pilot-area', organisationId: 'shenzhen' } as const;
const guangdong = { level: 'province', organisationId: 'guangdong' } as const;
const zhejiang = { level: 'province', organisationId: 'zhejiang' } as const;
const ministry = { level: 'ministry', organisationId: 'mofcom' } as const;
const safe = { level: 'department', organisationId: 'safe' } as const;
const mct = { level: 'department', organisationId: 'mct' } as const;

describe('who may do what to a key issue in which state', () => {
  it('the holder answers, resolves or passes up an open issue; nobody else may', () => {
    expect(allowedActions(issue(), guangdong, true)).toEqual(['answer', 'resolve', 'passUp']);
    expect(allowedActions(issue(), zhejiang, true)).toEqual([]);
    expect(allowedActions(issue(), ministry, true)).toEqual([]);
    expect(allowedActions(issue(), guangzhouOfficer, true)).toEqual([]);
    expect(refusalOf(issue(), ministry, 'answer', true)).toEqual({ kind: 'not-holder' });
  });

  it('an answered issue stays with its holder, who may still resolve it or pass it up', () => {
    expect(allowedActions(issue({ status: 'answered' }), guangdong, true)).toEqual([
      'answer',
      'resolve',
      'passUp',
    ]);
  });

  it('the top of the chain cannot pass up', () => {
    const atDepartments = issue({ holder: departments });
    expect(allowedActions(atDepartments, safe, false)).toEqual(['answer', 'resolve']);
    expect(refusalOf(atDepartments, safe, 'passUp', false)).toEqual({ kind: 'top-level' });
    // every department of the hop holds it; another department does not
    expect(allowedActions(atDepartments, { level: 'department', organisationId: 'pbc' }, false)).toEqual([
      'answer',
      'resolve',
    ]);
    expect(allowedActions(atDepartments, mct, false)).toEqual([]);
  });

  it('only the originator reopens a resolution, and only once', () => {
    const resolved = issue({ status: 'resolved', holder: departments });
    expect(allowedActions(resolved, guangzhouOfficer, false)).toEqual(['reopen']);
    expect(refusalOf(resolved, shenzhenOfficer, 'reopen', false)).toEqual({ kind: 'not-originator' });
    expect(refusalOf(resolved, safe, 'answer', false)).toEqual({
      kind: 'wrong-status',
      allowed: ['open', 'answered'],
    });
    expect(refusalOf({ ...resolved, reopened: 1 }, guangzhouOfficer, 'reopen', false)).toEqual({
      kind: 'reopened-already',
    });
    expect(refusalOf(issue(), guangzhouOfficer, 'reopen', true)).toEqual({
      kind: 'wrong-status',
      allowed: ['resolved'],
    });
  });

  it('a province that raised an issue is its originator', () => {
    const raisedByProvince = issue({ status: 'resolved', raisedBy: province, holder: departments });
    expect(allowedActions(raisedByProvince, guangdong, false)).toEqual(['reopen']);
    expect(allowedActions(raisedByProvince, guangzhouOfficer, false)).toEqual([]);
  });
});

describe('key issue counts', () => {
  it('counts by category, status, holder and age; overdue when the SLA passed or flagged', () => {
    const now = new Date('2026-06-30T02:00:00Z');
    const counts = countIssues(
      [
        {
          category: 'funding',
          status: 'open',
          holderLevel: 'province',
          raisedAt: new Date('2026-06-28T02:00:00Z'),
          slaDueAt: new Date('2026-06-29T16:00:00Z'),
          flagged: false,
        },
        {
          category: 'funding',
          status: 'answered',
          holderLevel: 'ministry',
          raisedAt: new Date('2026-05-20T02:00:00Z'),
          slaDueAt: null,
          flagged: false,
        },
        {
          category: 'regulation-adjustment',
          status: 'open',
          holderLevel: 'department',
          raisedAt: new Date('2026-01-20T02:00:00Z'),
          slaDueAt: null,
          flagged: true,
        },
        {
          category: 'other',
          status: 'resolved',
          holderLevel: 'department',
          raisedAt: new Date('2026-01-02T02:00:00Z'),
          slaDueAt: null,
          flagged: false,
        },
      ],
      now,
    );
    expect(counts).toEqual({
      total: 4,
      open: 3,
      overdue: 2,
      byCategory: { 'regulation-adjustment': 1, 'cross-department-coordination': 0, funding: 2, other: 1 },
      byStatus: { open: 2, answered: 1, resolved: 1 },
      byHolder: { 'pilot-area': 0, province: 1, ministry: 1, department: 1 },
      byAge: { '0-7': 1, '8-30': 0, '31-90': 1, '91+': 1 },
    });
  });
});
