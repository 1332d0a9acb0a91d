import i18next from 'eslint-plugin-i18next';
import baseConfig from '../../eslint.config.mjs';

/** Words a person reads come from the locale files: JSX text and the attributes people see. */
export const noLiteralString = [
  'error',
  {
    mode: 'jsx-only',
    'jsx-attributes': {
      include: ['title', 'placeholder', 'label', 'aria-label', 'alt', 'okText', 'cancelText', 'subTitle', 'description', 'extra', 'tooltip', 'content'],
    },
    words: { exclude: ['[0-9!-/:-@[-`{-~]+', '[A-Z_-]+', '[—→·、：（）\\s]+', '中文', 'English'] },
  },
];

export default [
  ...baseConfig,
  { ignores: ['dist/**', 'out-tsc/**'] },
  {
    files: ['src/**/*.tsx'],
    plugins: { i18next },
    rules: { 'i18next/no-literal-string': noLiteralString },
  },
];
