import { z } from 'zod';

/** Text the program publishes in both languages; zh-CN is the authoritative one. */
export const localizedTextSchema = z.strictObject({
  'zh-CN': z.string().trim().min(1).max(500),
  en: z.string().trim().max(500),
});
export type LocalizedText = z.infer<typeof localizedTextSchema>;
