import type { ErrorMessages } from './app-error-data';

const marker = 'i18n:';

/**
 * A validation message in both languages, usable wherever zod takes a message string:
 * `z.string().regex(re, bilingual('须为拼音', 'must be pinyin'))`. The API's error formatter
 * unpacks it; a plain message is used for both languages.
 */
export const bilingual = (zhCN: string, en: string): string =>
  `${marker}${JSON.stringify({ 'zh-CN': zhCN, en })}`;

export function readBilingual(message: string): ErrorMessages | undefined {
  if (!message.startsWith(marker)) return undefined;
  try {
    const parsed = JSON.parse(message.slice(marker.length)) as ErrorMessages;
    return typeof parsed['zh-CN'] === 'string' && typeof parsed.en === 'string' ? parsed : undefined;
  } catch {
    return undefined;
  }
}
