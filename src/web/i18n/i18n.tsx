import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { en } from './en.js';
import { LANGUAGE_STORAGE_KEY, type Language, storedLanguage } from './language.js';
import { type Messages, sv } from './sv.js';

const MESSAGES: Record<Language, Messages> = { sv, en };

interface I18n {
  language: Language;
  /** The messages of the current language: `t.intake.title`, `t.catalogue.count(n)`. */
  t: Messages;
  setLanguage: (language: Language) => void;
}

const I18nContext = createContext<I18n | null>(null);

function browserStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

/** Holds the language, keeps it in localStorage and mirrors it on `<html lang>`. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(() => storedLanguage(browserStorage()));

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  const setLanguage = useCallback((next: Language) => {
    setLanguageState(next);
    try {
      browserStorage()?.setItem(LANGUAGE_STORAGE_KEY, next);
    } catch {
      // The choice then lasts for this page view only.
    }
  }, []);

  const value = useMemo(() => ({ language, t: MESSAGES[language], setLanguage }), [language, setLanguage]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside I18nProvider');
  return i18n;
}
