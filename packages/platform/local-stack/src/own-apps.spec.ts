import { ownAppsPlan } from './own-apps';

const context = {
  ports: { gateway: 3000, plans: 3001, approvals: 3002, supervision: 3003, practices: 3004 },
  common: {
    MONGODB_URL: 'mongodb://127.0.0.1:27017/',
    KAFKA_TOPIC_PREFIX: '',
    INTERNAL_TOKEN_PUBLIC_KEY: 'PEM\nlines',
  },
  publicKeyPath: '/keys/internal-token-public.pem',
};

describe('npm start with some services run by the developer (TRADEPILOT_OWN_APPS)', () => {
  it('leaves them out, points the gateway at their registry ports, and writes each its environment', () => {
    const plan = ownAppsPlan(['practices'], context);
    expect(plan.started).toEqual(['gateway', 'plans', 'approvals', 'supervision']);
    expect(plan.gatewayUrls).toEqual({ PRACTICES_URL: 'http://127.0.0.1:3004' });
    expect(plan.envFiles['practices']?.split('\n')).toEqual([
      'MONGODB_URL=mongodb://127.0.0.1:27017/',
      'KAFKA_TOPIC_PREFIX=',
      'PORT=3004',
      'HOST=127.0.0.1',
      'INTERNAL_TOKEN_PUBLIC_KEY_FILE=/keys/internal-token-public.pem',
      '',
    ]);
  });

  it('refuses a name that is not a service behind the gateway', () => {
    expect(() => ownAppsPlan(['gateway', 'nothing'], context)).toThrow(
      'TRADEPILOT_OWN_APPS: gateway, nothing are not services of the registry (plans, approvals, supervision, practices)',
    );
  });
});
