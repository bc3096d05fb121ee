import { useEffect } from 'react';
import { useI18n } from '../i18n/i18n.js';

/** Sets `<title>` to "Page – Lotsen" (WCAG 2.4.2); `null` keeps the title while a page loads. */
export function useDocumentTitle(title: string | null) {
  const { t } = useI18n();
  useEffect(() => {
    if (title !== null) document.title = `${title} – ${t.app.titleSuffix}`;
  }, [title, t]);
}
