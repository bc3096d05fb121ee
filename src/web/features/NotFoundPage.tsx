import { useI18n } from '../i18n/i18n.js';
import { Link } from '../lib/router.js';
import { paths } from '../lib/routes.js';
import { useDocumentTitle } from '../lib/use-document-title.js';

export function NotFoundPage() {
  const { t } = useI18n();
  useDocumentTitle(t.notFound.title);
  return (
    <>
      <h1>{t.notFound.title}</h1>
      <p>{t.notFound.text}</p>
      <p>
        <Link to={paths.start}>{t.notFound.home}</Link>
      </p>
    </>
  );
}
