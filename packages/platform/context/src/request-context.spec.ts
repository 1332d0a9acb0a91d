import { currentContext, requireTenant, runInContext } from './request-context';

describe('request context', () => {
  it('carries the tenant across awaits and keeps concurrent contexts apart', async () => {
    const seen = await Promise.all(
      ['guangdong', 'hainan'].map((tenant) =>
        runInContext({ tenant }, async () => {
          await new Promise((resolve) => setImmediate(resolve));
          return requireTenant();
        }),
      ),
    );
    expect(seen).toEqual(['guangdong', 'hainan']);
  });

  it('has no tenant outside a context, and says so', () => {
    expect(currentContext()).toBeUndefined();
    expect(() => requireTenant()).toThrow('no tenant in the current context');
  });
});
