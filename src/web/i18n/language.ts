/** The languages of the web app; Swedish is the default. Pure, so it runs in unit tests. */
export const LANGUAGES = ['sv', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const LANGUAGE_STORAGE_KEY = 'lotsen.language';

export function isLanguage(value: unknown): value is Language {
  return value === 'sv' || value === 'en';
}

/** The stored choice, or Swedish when nothing (valid) is stored or storage is unavailable. */
export function storedLanguage(storage: Pick<Storage, 'getItem'> | undefined): Language {
  try {
    const value = storage?.getItem(LANGUAGE_STORAGE_KEY);
    return isLanguage(value) ? value : 'sv';
  } catch {
    // Storage can throw when blocked (private modes, strict cookie settings).
    return 'sv';
  }
}

/** A label for a code (topic, kind …), or the code itself when no label exists yet. */
export function labelOf(labels: object, code: string): string {
  const label = (labels as Record<string, unknown>)[code];
  return typeof label === 'string' ? label : code;
}

/**
 * Text from the catalogue comes in Swedish and sometimes English. In English, fall back to the
 * Swedish text and say so, so the element can carry `lang="sv"` (WCAG 3.1.2).
 */
export function pickLocalised(
  value: { sv: string; en?: string | null },
  language: Language,
): { text: string; lang: Language } {
  if (language === 'en' && value.en) return { text: value.en, lang: 'en' };
  return { text: value.sv, lang: 'sv' };
}
