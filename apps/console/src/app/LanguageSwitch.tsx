import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { saveLanguage, type Language } from '../i18n/languages';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <Segmented
      size="small"
      aria-label={t('language.label')}
      value={i18n.language}
      options={[
        { label: '中文', value: 'zh-CN' },
        { label: 'English', value: 'en' },
      ]}
      onChange={(value) => {
        saveLanguage(value as Language);
        void i18n.changeLanguage(value as string);
      }}
    />
  );
}
