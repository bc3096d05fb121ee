import { useI18n } from '../i18n/i18n.js';
import { Link } from '../lib/router.js';

/** Previous and next links with "Sida 2 av 5"; `href(page)` builds the link for a 1-based page. */
export function Pagination({ page, pages, href }: { page: number; pages: number; href: (page: number) => string }) {
  const { t } = useI18n();
  if (pages <= 1) return null;
  return (
    <nav className="pagination" aria-label={t.paging.label}>
      {page > 1 ? (
        <Link to={href(page - 1)} className="pagination__link" rel="prev">
          {t.paging.previous}
        </Link>
      ) : (
        <span />
      )}
      <p className="pagination__status">{t.paging.status(page, pages)}</p>
      {page < pages ? (
        <Link to={href(page + 1)} className="pagination__link" rel="next">
          {t.paging.next}
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
