import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import casesEn from './cases.en.json';
import casesSv from './cases.sv.json';
import en from './en.json';
import sv from './sv.json';

export const LANGUAGES = ['sv', 'en'] as const;
const LANGUAGE_KEY = 'samverkan.language';

const stored = typeof localStorage !== 'undefined' ? localStorage.getItem(LANGUAGE_KEY) : null;

void i18n.use(initReactI18next).init({
  // Ärenden, break-the-glass and Loggkontroll keep their texts in files of their own (top-level keys of their own).
  resources: { sv: { translation: { ...sv, ...casesSv } }, en: { translation: { ...en, ...casesEn } } },
  lng: stored === 'en' ? 'en' : 'sv',
  fallbackLng: 'sv',
  interpolation: { escapeValue: false },
  returnNull: false,
});

document.documentElement.lang = i18n.language;
i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
  localStorage.setItem(LANGUAGE_KEY, lng);
});

export default i18n;
