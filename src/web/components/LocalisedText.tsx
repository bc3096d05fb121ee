import { useI18n } from '../i18n/i18n.js';
import { pickLocalised } from '../i18n/language.js';

/**
 * Catalogue text in the current language; when only Swedish exists it is marked `lang="sv"` so
 * screen readers pronounce it right.
 */
export function LocalisedText({ value }: { value: { sv: string; en?: string | null } }) {
  const { language } = useI18n();
  const { text, lang } = pickLocalised(value, language);
  return lang === language ? <>{text}</> : <span lang={lang}>{text}</span>;
}
