import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { features } from '../features';
import { savedLanguage, type Language } from './languages';
import commonEn from './locales/en.json';
import commonZh from './locales/zh-CN.json';

/** Every namespace: `common`, then one per feature folder (its own locales/). */
export const resources: Record<Language, Record<string, object>> = {
  'zh-CN': { common: commonZh, ...Object.fromEntries(features.map((f) => [f.id, f.messages['zh-CN']])) },
  en: { common: commonEn, ...Object.fromEntries(features.map((f) => [f.id, f.messages.en])) },
};

void i18next.use(initReactI18next).init({
  resources,
  lng: savedLanguage(),
  fallbackLng: false,
  defaultNS: 'common',
  ns: Object.keys(resources['zh-CN']),
  interpolation: { escapeValue: false },
  returnNull: false,
});

export const i18n = i18next;
