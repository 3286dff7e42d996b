/**
 * Every string on screen is a key in `locales/<lang>.json`. Bahasa Indonesia
 * is the default and the fallback; English is the second locale.
 */
import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '../shared/contract';
import en from './locales/en.json';
import id from './locales/id.json';

export const resources = { id: { translation: id }, en: { translation: en } } as const;

export function createI18n(locale: Locale = 'id'): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources,
    lng: locale,
    fallbackLng: 'id',
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
  });
  return instance;
}
