import { type FormEvent, useState } from 'react';
import type { OfferingResponse } from '../../../contracts/catalogue.js';
import { MunicipalityInput } from '../../components/MunicipalityInput.js';
import { Pagination } from '../../components/Pagination.js';
import { LoadError } from '../../components/Status.js';
import { useI18n } from '../../i18n/i18n.js';
import type { ListResponse } from '../../lib/api.js';
import { municipalityName, type Regions, resolveMunicipality } from '../../lib/geography.js';
import { useRegions } from '../../lib/regions.js';
import { Link, navigate } from '../../lib/router.js';
import { paths } from '../../lib/routes.js';
import { useApi } from '../../lib/use-api.js';
import { useDocumentTitle } from '../../lib/use-document-title.js';
import {
  type CatalogueFilters,
  filtersToSearch,
  offeringsApiPath,
  PAGE_SIZE,
  pageCount,
  parseFilters,
} from './catalogue-filters.js';
import { OfferingCard } from './OfferingCard.js';

/** Browse and filter the offerings; the filters live in the URL. */
export function CataloguePage({ search }: { search: string }) {
  const { t } = useI18n();
  useDocumentTitle(t.catalogue.title);
  const filters = parseFilters(search);
  const regions = useRegions();
  const list = useApi<ListResponse<OfferingResponse>>(offeringsApiPath(filters));

  return (
    <>
      <h1>{t.catalogue.title}</h1>
      <p className="lead">{t.catalogue.lead}</p>
      {/* Keyed on the URL so that Back and Forward show the filters of that list. */}
      <FilterForm key={`${search}|${regions ? 'r' : ''}`} filters={filters} regions={regions} />
      <section aria-labelledby="results-heading" className="results">
        <h2 id="results-heading" className="results__count" aria-live="polite" aria-atomic="true">
          {list.state === 'ok'
            ? t.catalogue.count(list.data.total)
            : list.state === 'loading'
              ? t.app.loading
              : t.errors.heading}
        </h2>
        {list.state === 'error' && <LoadError error={list.error} onRetry={list.reload} level={null} />}
        {list.state === 'ok' && (
          <>
            {list.data.items.length === 0 ? (
              <p>{t.catalogue.none}</p>
            ) : (
              <ul className="card-list">
                {list.data.items.map((offering) => (
                  <li key={offering.id}>
                    <OfferingCard offering={offering} />
                  </li>
                ))}
              </ul>
            )}
            <Pagination
              page={filters.page}
              pages={pageCount(list.data.total, PAGE_SIZE)}
              href={(page) => `${paths.offerings}${filtersToSearch({ ...filters, page })}`}
            />
          </>
        )}
      </section>
    </>
  );
}

function FilterForm({ filters, regions }: { filters: CatalogueFilters; regions: Regions | null }) {
  const { t } = useI18n();
  const municipalities = regions?.municipalities ?? [];
  const [q, setQ] = useState(filters.q ?? '');
  const [topic, setTopic] = useState(filters.topic ?? '');
  const [kind, setKind] = useState(filters.kind ?? '');
  const [place, setPlace] = useState(
    filters.municipality ? (municipalityName(filters.municipality, municipalities) ?? filters.municipality) : '',
  );
  const [placeError, setPlaceError] = useState<string | undefined>();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const municipality = resolveMunicipality(place, municipalities);
    if (municipality === null) {
      setPlaceError(t.intake.municipalityUnknown);
      document.getElementById('filter-municipality')?.focus();
      return;
    }
    setPlaceError(undefined);
    const next: CatalogueFilters = {
      page: 1,
      q: q.trim() || undefined,
      topic: topic || undefined,
      kind: kind || undefined,
      municipality,
    };
    navigate(`${paths.offerings}${filtersToSearch(next)}`);
  };

  const hasFilters = Boolean(filters.q || filters.topic || filters.kind || filters.municipality);
  return (
    <form className="filters" role="search" aria-label={t.catalogue.filters} onSubmit={submit} noValidate>
      <div className="filters__grid">
        <div className="field">
          <label htmlFor="filter-q">{t.catalogue.searchLabel}</label>
          <input
            id="filter-q"
            name="q"
            type="search"
            className="input"
            value={q}
            maxLength={200}
            onChange={(e) => setQ(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="filter-topic">{t.catalogue.topicLabel}</label>
          <select
            id="filter-topic"
            name="amne"
            className="select"
            value={topic}
            onChange={(e) => setTopic(e.target.value)}
          >
            <option value="">{t.catalogue.allTopics}</option>
            {Object.entries(t.labels.topics)
              .sort(([, a], [, b]) => a.localeCompare(b))
              .map(([code, label]) => (
                <option key={code} value={code}>
                  {label}
                </option>
              ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-kind">{t.catalogue.kindLabel}</label>
          <select id="filter-kind" name="typ" className="select" value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value="">{t.catalogue.allKinds}</option>
            {Object.entries(t.labels.kinds)
              .sort(([, a], [, b]) => a.localeCompare(b))
              .map(([code, label]) => (
                <option key={code} value={code}>
                  {label}
                </option>
              ))}
          </select>
        </div>
        <MunicipalityInput
          id="filter-municipality"
          label={t.catalogue.municipalityLabel}
          hint={t.catalogue.municipalityHint}
          value={place}
          onChange={setPlace}
          municipalities={municipalities}
          error={placeError}
        />
      </div>
      <div className="actions">
        <button type="submit" className="button">
          {t.catalogue.apply}
        </button>
        {hasFilters && (
          <Link to={paths.offerings} className="button button--secondary">
            {t.catalogue.clear}
          </Link>
        )}
      </div>
    </form>
  );
}
