import { inspectionRefusal, type InspectionState } from './inspection-transitions';

const scheduled: InspectionState = {
  status: 'scheduled',
  inspectorLevel: 'province',
  inspectorOrganisationId: 'guangdong',
};
const guangdong = { level: 'province' as const, organisationId: 'guangdong' };

describe('inspection transitions', () => {
  it('the inspecting organisation records it carried out once, then records findings', () => {
    expect(inspectionRefusal(scheduled, guangdong, 'carryOut')).toBeNull();
    expect(inspectionRefusal(scheduled, guangdong, 'recordFinding')).toEqual({
      kind: 'wrong-status',
      allowed: ['carried-out'],
    });
    const done = { ...scheduled, status: 'carried-out' as const };
    expect(inspectionRefusal(done, guangdong, 'recordFinding')).toBeNull();
    expect(inspectionRefusal(done, guangdong, 'carryOut')).toEqual({
      kind: 'wrong-status',
      allowed: ['scheduled'],
    });
  });

  it('nobody else acts on it: the ministry on a province inspection, another province, a pilot area', () => {
    expect(inspectionRefusal(scheduled, { level: 'ministry', organisationId: 'mofcom' }, 'carryOut')).toEqual(
      {
        kind: 'not-inspector',
      },
    );
    expect(
      inspectionRefusal(scheduled, { level: 'province', organisationId: 'zhejiang' }, 'carryOut'),
    ).toEqual({
      kind: 'not-inspector',
    });
    expect(inspectionRefusal(scheduled, null, 'carryOut')).toEqual({ kind: 'not-inspector' });
  });
});
