import { consoleOidc } from './console-assets';
import type { GatewayConfig } from './gateway-config';

const config = (values: Partial<GatewayConfig>) => ({ OIDC_SCOPE: 'openid', ...values }) as GatewayConfig;

describe("the console's external sign-in", () => {
  const trusted = {
    OIDC_ISSUER: 'https://id.example.gov.cn/realms/pilot',
    OIDC_JWKS_URL: 'https://id.example.gov.cn/realms/pilot/certs',
    OIDC_AUDIENCE: 'tradepilot-gateway',
  };

  it('is offered only when the gateway trusts the provider and the console has a client there', () => {
    expect(consoleOidc(config(trusted))).toBeUndefined();
    expect(consoleOidc(config({ OIDC_CONSOLE_CLIENT_ID: 'console' }))).toBeUndefined();
    expect(consoleOidc(config({ ...trusted, OIDC_CONSOLE_CLIENT_ID: 'console' }))).toEqual({
      issuer: trusted.OIDC_ISSUER,
      clientId: 'console',
      displayName: 'id.example.gov.cn',
      scope: 'openid',
    });
  });

  it('names the provider as configured', () => {
    const named = consoleOidc(config({ ...trusted, OIDC_CONSOLE_CLIENT_ID: 'console', OIDC_DISPLAY_NAME: '政务统一身份认证', OIDC_SCOPE: 'openid api' }));
    expect(named).toMatchObject({ displayName: '政务统一身份认证', scope: 'openid api' });
  });
});
