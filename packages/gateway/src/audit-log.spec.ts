import type { ProcedurePolicy } from '@tradepilot/contracts';
import { auditKindOf, recordedInput } from './audit-log';

const policy = (scope: ProcedurePolicy['scope']): ProcedurePolicy => ({
  service: 'gateway',
  roles: [],
  scope,
});

describe('audit record', () => {
  it('puts cross-province calls and operators’ changes on the record, nothing else', () => {
    expect(auditKindOf(policy('national'), 'query')).toBe('cross-province-read');
    expect(auditKindOf(policy('national'), 'mutation')).toBe('cross-province-change');
    expect(auditKindOf(policy('department'), 'query')).toBe('cross-province-read');
    expect(auditKindOf(policy('platform'), 'mutation')).toBe('platform-change');
    expect(auditKindOf(policy('platform'), 'query')).toBeNull();
    expect(auditKindOf(policy('own-province'), 'mutation')).toBeNull();
    expect(auditKindOf(policy('public'), 'mutation')).toBeNull();
  });

  it('puts a national user’s calls to service procedures open to everyone on the record, not a province’s', () => {
    const engine: ProcedurePolicy = { service: 'approvals', roles: [], scope: 'authenticated' };
    expect(auditKindOf(engine, 'query', { tenant: null })).toBe('cross-province-read');
    expect(auditKindOf(engine, 'mutation', { tenant: null })).toBe('cross-province-change');
    expect(auditKindOf(engine, 'query', { tenant: 'guangdong' })).toBeNull();
    expect(auditKindOf({ ...engine, service: 'gateway' }, 'query', { tenant: null })).toBeNull();
  });

  it('never keeps a secret of the input, and keeps the record short', () => {
    const recorded = recordedInput({
      username: 'u1',
      password: 'hunter2-hunter2',
      nested: { refreshToken: 'abc' },
    });
    expect(recorded).toBe('{"username":"u1","password":"[redacted]","nested":{"refreshToken":"[redacted]"}}');
    expect(recordedInput({ text: 'x'.repeat(5000) })?.length).toBe(2001);
    expect(recordedInput(undefined)).toBeNull();
  });
});
