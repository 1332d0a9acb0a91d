import { planPermissions } from './plan-permissions';

const signOff = (parties: ('pilot-area' | 'province')[]) => ({
  parties,
  userId: 'u',
  role: 'province-officer',
  organisationId: 'x',
  signedAt: new Date(),
  planVersion: 1,
});
const area = { actingRole: 'pilot-area-officer', dualRole: false } as const;
const province = { actingRole: 'province-officer', dualRole: false } as const;
const dual = { actingRole: 'province-officer', dualRole: true } as const;
const inForce = { submission: 1, approvedAt: new Date() };
type PlanState = Parameters<typeof planPermissions>[0];
const state = (status: PlanState['status'], signOffs: ReturnType<typeof signOff>[] = [], inForceNow = false): PlanState =>
  ({ status, signOffs, inForce: inForceNow ? inForce : null }) as PlanState;

describe('plan permissions', () => {
  it('lets both parties save and sign a draft, and only the province submit once both signed', () => {
    const draft = state('drafting');
    expect(planPermissions(draft, area)).toMatchObject({ maySave: true, maySign: true, maySubmit: false });
    expect(planPermissions(draft, province)).toMatchObject({ maySave: true, maySign: true, maySubmit: false });
    const signedByBoth = state('drafting', [signOff(['pilot-area']), signOff(['province'])]);
    expect(planPermissions(signedByBoth, area)).toMatchObject({ maySign: false, maySubmit: false });
    expect(planPermissions(signedByBoth, province)).toMatchObject({ maySign: false, maySubmit: true });
  });

  it('lets a party that signed not sign again, while a dual-role government signs once for both', () => {
    const areaSigned = state('returned', [signOff(['pilot-area'])]);
    expect(planPermissions(areaSigned, area).maySign).toBe(false);
    expect(planPermissions(areaSigned, province).maySign).toBe(true);
    expect(planPermissions(state('returned'), dual).maySign).toBe(true);
  });

  it('offers amendment, implementation and closing to the province on a plan in force only', () => {
    const approved = state('approved', [], true);
    expect(planPermissions(approved, province)).toMatchObject({
      maySave: false,
      maySign: false,
      mayAmend: true,
      mayStartImplementation: true,
      mayClose: true,
    });
    expect(planPermissions(approved, area)).toMatchObject({ mayAmend: false, mayClose: false });
    expect(planPermissions(state('submitted', [], true), province)).toMatchObject({
      maySave: false,
      mayAmend: false,
      mayClose: false,
    });
  });

  it('gives the national read-only views no action', () => {
    expect(Object.values(planPermissions(state('drafting'), null))).toEqual(
      Array(6).fill(false),
    );
  });
});
