import { baseConfigSchema } from '@tradepilot/service-kit';
import { z } from 'zod';

const flag = z
  .enum(['true', 'false'])
  .default('false')
  .transform((v) => v === 'true');
const serviceUrl = z
  .url({ protocol: /^https?$/ })
  .transform((u) => u.replace(/\/$/, ''))
  .optional();

export const gatewayConfigSchema = baseConfigSchema.extend({
  /** Ed25519 key (PKCS8 PEM) the gateway signs internal tokens with; services hold its public half */
  INTERNAL_TOKEN_PRIVATE_KEY: z
    .string()
    .includes('PRIVATE KEY', { message: 'must be a PEM private key (PKCS8)' }),
  PLANS_URL: serviceUrl,
  APPROVALS_URL: serviceUrl,
  SUPERVISION_URL: serviceUrl,
  PRACTICES_URL: serviceUrl,
  FORWARD_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  /** the built-in identity provider: local and demo only */
  DEV_LOGIN_ENABLED: flag,
  DEV_IDP_PRIVATE_KEY: z.string().includes('PRIVATE KEY').optional(),
  /** when set with DEV_LOGIN_ENABLED, the demo users are created at start with this password */
  DEV_USERS_PASSWORD: z.string().min(8).optional(),
  ACCESS_TOKEN_TTL_S: z.coerce.number().int().min(30).max(86_400).default(900),
  TOKEN_CLOCK_SKEW_S: z.coerce.number().int().min(0).max(300).default(30),
});
export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;
