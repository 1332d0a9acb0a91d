import { useTranslation } from 'react-i18next';

/** Dates and numbers in the reader's locale. */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.language;
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  const number = new Intl.NumberFormat(locale);
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  return {
    dateTime: (iso: string | null | undefined) => (iso ? dateTime.format(new Date(iso)) : '—'),
    date: (iso: string | null | undefined) => (iso ? date.format(new Date(iso)) : '—'),
    number: (n: number | null | undefined) => (n === null || n === undefined ? '—' : number.format(n)),
    percent: (n: number | null | undefined) => (n === null || n === undefined ? '—' : percent.format(n)),
  };
}

/** A bilingual text from the services ({ 'zh-CN', en }) in the reader's language. */
export function useLocalized() {
  const { i18n } = useTranslation();
  return (text: { 'zh-CN': string; en: string } | null | undefined) =>
    text ? (i18n.language === 'en' ? text.en : text['zh-CN']) : '—';
}
