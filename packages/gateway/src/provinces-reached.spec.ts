import { provincesReached } from './provinces-reached';

const provinces = new Set(['guangdong', 'zhejiang', 'hainan']);
const isProvince = (id: string) => provinces.has(id);

describe('provinces a cross-province call reached', () => {
  it('reads tenant/province fields and per-province keys from input and answer', () => {
    expect(
      provincesReached(
        [
          { province: 'hainan' },
          [
            { id: 'c1', tenant: 'zhejiang', title: 'guangdong is only text here' },
            { byProvince: { guangdong: 3 } },
          ],
        ],
        isProvince,
      ),
    ).toEqual(['guangdong', 'hainan', 'zhejiang']);
  });

  it('ignores values that are not provinces and answers that name none', () => {
    expect(
      provincesReached([{ tenant: 'national' }, null, undefined, 'zhejiang', [1, 2]], isProvince),
    ).toEqual([]);
  });
});
