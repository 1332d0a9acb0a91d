/** The console's languages: Chinese first, English switchable. */
export const languages = ['zh-CN', 'en'] as const;
export type Language = (typeof languages)[number];
export const defaultLanguage: Language = 'zh-CN';
const storageKey = 'tradepilot.console.language';

export function savedLanguage(): Language {
  const saved = typeof localStorage === 'undefined' ? null : localStorage.getItem(storageKey);
  return (languages as readonly string[]).includes(saved ?? '') ? (saved as Language) : defaultLanguage;
}

export function saveLanguage(language: Language): void {
  localStorage.setItem(storageKey, language);
}

/** The other language: errors show the service's message in both. */
export const otherLanguage = (language: Language): Language => (language === 'zh-CN' ? 'en' : 'zh-CN');
