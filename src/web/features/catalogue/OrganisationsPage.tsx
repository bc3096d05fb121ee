import type { OrganisationResponse } from '../../../contracts/catalogue.js';
import { Pagination } from '../../components/Pagination.js';
import { LoadError, Loading } from '../../components/Status.js';
import { useI18n } from '../../i18n/i18n.js';
import { labelOf } from '../../i18n/language.js';
import type { ListResponse } from '../../lib/api.js';
import { Link } from '../../lib/router.js';
import { paths } from '../../lib/routes.js';
import { useApi } from '../../lib/use-api.js';
import { useDocumentTitle } from '../../lib/use-document-title.js';
import { pageCount, parseFilters } from './catalogue-filters.js';

const PAGE_SIZE = 50;

/** All organisations behind the front door, by name. */
export function OrganisationsPage({ search }: { search: string }) {
  const { t } = useI18n();
  useDocumentTitle(t.organisations.title);
  const { page } = parseFilters(search);
  const list = useApi<ListResponse<OrganisationResponse>>(
    `/api/organisations?limit=${PAGE_SIZE}&offset=${(page - 1) * PAGE_SIZE}`,
  );

  return (
    <>
      <h1>{t.organisations.title}</h1>
      <p className="lead">{t.organisations.lead}</p>
      {list.state === 'loading' && <Loading />}
      {list.state === 'error' && <LoadError error={list.error} onRetry={list.reload} />}
      {list.state === 'ok' && (
        <>
          <h2 className="results__count">{t.organisations.count(list.data.total)}</h2>
          <ul className="card-list">
            {list.data.items.map((organisation) => (
              <li key={organisation.id}>
                <article className="card">
                  <h3 className="card__title">
                    <Link to={paths.organisation(organisation.id)}>{organisation.name}</Link>
                  </h3>
                  <p className="card__provider">
                    {labelOf(t.labels.organisationKinds, organisation.kind)}
                    {organisation.units.length > 0 && <> · {t.organisations.unitsCount(organisation.units.length)}</>}
                  </p>
                </article>
              </li>
            ))}
          </ul>
          <Pagination
            page={page}
            pages={pageCount(list.data.total, PAGE_SIZE)}
            href={(p) => (p > 1 ? `${paths.organisations}?sida=${p}` : paths.organisations)}
          />
        </>
      )}
    </>
  );
}
