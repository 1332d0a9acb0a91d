import { defaultAggregate, nameForms, slugPattern } from './service-names';

describe('service names', () => {
  it('spells one slug every way the templates need', () => {
    expect(nameForms('trade-fairs')).toEqual({
      fileName: 'trade-fairs',
      propertyName: 'tradeFairs',
      className: 'TradeFairs',
      snakeName: 'trade_fairs',
      constantName: 'TRADE_FAIRS',
    });
    expect(nameForms('visits').className).toBe('Visits');
  });

  it('accepts lowercase slugs only', () => {
    for (const good of ['visits', 'trade-fairs', 'round2']) expect(slugPattern.test(good)).toBe(true);
    for (const bad of [
      'Visits',
      'trade_fairs',
      '-visits',
      'visits-',
      'trade--fairs',
      '2visits',
      'visits!',
      '',
    ])
      expect(slugPattern.test(bad)).toBe(false);
  });

  it('names the sample aggregate after the service', () => {
    expect(defaultAggregate('trade-fairs')).toBe('trade-fair');
    expect(defaultAggregate('visits')).toBe('visit');
    expect(defaultAggregate('access')).toBe('access-record');
    expect(defaultAggregate('review')).toBe('review-record');
  });
});
