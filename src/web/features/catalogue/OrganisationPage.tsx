import type { OfferingResponse, OrganisationResponse } from '../../../contracts/catalogue.js';
import { LoadError, Loading } from '../../components/Status.js';
import { useI18n } from '../../i18n/i18n.js';
import { labelOf } from '../../i18n/language.js';
import type { ListResponse } from '../../lib/api.js';
import { areaNames } from '../../lib/geography.js';
import { useRegions } from '../../lib/regions.js';
import { Link } from '../../lib/router.js';
import { paths } from '../../lib/routes.js';
import { useApi } from '../../lib/use-api.js';
import { useDocumentTitle } from '../../lib/use-document-title.js';
import { OfferingCard } from './OfferingCard.js';

/** One organisation: what it is, where it works, its units and its offerings. */
export function OrganisationPage({ id }: { id: string }) {
  const { t } = useI18n();
  const organisation = useApi<OrganisationResponse>(`/api/organisations/${encodeURIComponent(id)}`);
  const offerings = useApi<ListResponse<OfferingResponse>>(
    organisation.state === 'ok' ? `/api/offerings?provider=${encodeURIComponent(id)}&limit=100` : null,
  );
  const regions = useRegions();
  useDocumentTitle(
    organisation.state === 'ok' ? organisation.data.name : organisation.state === 'error' ? t.errors.heading : null,
  );

  if (organisation.state === 'loading') return <Loading />;
  if (organisation.state === 'error')
    return <LoadError error={organisation.error} onRetry={organisation.reload} level={1} />;
  const o = organisation.data;
  const wholeCountry = o.serves.counties.length === 0 && o.serves.municipalities.length === 0;

  return (
    <>
      <p className="breadcrumb">
        <Link to={paths.organisations}>{t.organisations.backToList}</Link>
      </p>
      <h1>{o.name}</h1>
      <dl className="facts">
        <dt>{t.organisations.kind}</dt>
        <dd>{labelOf(t.labels.organisationKinds, o.kind)}</dd>
        <dt>{t.organisations.serves}</dt>
        <dd>
          {wholeCountry ? t.labels.wholeCountry : regions ? areaNames(o.serves, regions).join(', ') : t.app.loading}
        </dd>
        {o.website && (
          <>
            <dt>{t.organisations.website}</dt>
            <dd>
              <a href={o.website} rel="noopener noreferrer">
                {t.organisations.websiteLink(o.name)}
              </a>
            </dd>
          </>
        )}
      </dl>

      <h2>{t.organisations.units}</h2>
      {o.units.length === 0 ? (
        <p>{t.organisations.noUnits}</p>
      ) : (
        <ul>
          {o.units.map((unit) => (
            <li key={unit.id}>{unit.name}</li>
          ))}
        </ul>
      )}

      <h2>
        {t.organisations.offerings}
        {offerings.state === 'ok' && ` (${offerings.data.total})`}
      </h2>
      {offerings.state === 'loading' && <Loading />}
      {offerings.state === 'error' && <LoadError error={offerings.error} onRetry={offerings.reload} level={null} />}
      {offerings.state === 'ok' &&
        (offerings.data.items.length === 0 ? (
          <p>{t.organisations.noOfferings}</p>
        ) : (
          <ul className="card-list">
            {offerings.data.items.map((offering) => (
              <li key={offering.id}>
                <OfferingCard offering={offering} />
              </li>
            ))}
          </ul>
        ))}
    </>
  );
}
