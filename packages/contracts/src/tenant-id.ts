import { z } from 'zod';
import { bilingual } from './bilingual-message';

/** A province-level unit's lowercase pinyin slug, e.g. `guangdong`. */
export const tenantIdSchema = z
  .string()
  .regex(
    /^[a-z][a-z0-9-]{1,31}$/,
    bilingual(
      '租户标识须为小写拼音，例如 "guangdong"',
      'a tenant id is a lowercase pinyin slug such as "guangdong"',
    ),
  );
export type TenantId = z.infer<typeof tenantIdSchema>;

/** The national scope: the ministry's and the departments' data, stored in `<service>_national`. */
export const NATIONAL = 'national' as const;
