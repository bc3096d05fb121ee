import type { OfferingResponse, StrategyNodeResponse } from '../../../contracts/catalogue.js';
import { LocalisedText } from '../../components/LocalisedText.js';
import { LoadError, Loading } from '../../components/Status.js';
import { useI18n } from '../../i18n/i18n.js';
import { labelOf, pickLocalised } from '../../i18n/language.js';
import type { ListResponse } from '../../lib/api.js';
import { areaNames } from '../../lib/geography.js';
import { useRegions } from '../../lib/regions.js';
import { Link } from '../../lib/router.js';
import { paths } from '../../lib/routes.js';
import { useApi } from '../../lib/use-api.js';
import { useDocumentTitle } from '../../lib/use-document-title.js';
import { findNode, strategyNodeHref } from '../strategy/strategy-tree.js';

/** One offering with everything the catalogue knows about it. */
export function OfferingPage({ id }: { id: string }) {
  const { t, language } = useI18n();
  const offering = useApi<OfferingResponse>(`/api/offerings/${encodeURIComponent(id)}`);
  const hasStrategies = offering.state === 'ok' && offering.data.strategyLinks.length > 0;
  const strategies = useApi<ListResponse<StrategyNodeResponse>>(hasStrategies ? '/api/strategies?limit=100' : null);
  const regions = useRegions();
  useDocumentTitle(
    offering.state === 'ok'
      ? pickLocalised(offering.data.title, language).text
      : offering.state === 'error'
        ? t.errors.heading
        : null,
  );

  if (offering.state === 'loading') return <Loading />;
  if (offering.state === 'error') return <LoadError error={offering.error} onRetry={offering.reload} level={1} />;
  const o = offering.data;
  const summary = pickLocalised(o.summary, language);
  const place = regions ? areaNames(o.geography, regions) : [];
  const wholeCountry = o.geography.counties.length === 0 && o.geography.municipalities.length === 0;

  return (
    <>
      <p className="breadcrumb">
        <Link to={paths.offerings}>{t.offering.backToList}</Link>
      </p>
      <h1>
        <LocalisedText value={o.title} />
      </h1>
      <p className="lead">
        {t.offering.provider} <Link to={paths.organisation(o.provider.id)}>{o.provider.name}</Link>
        {o.unit && <> · {o.unit.name}</>}
      </p>
      <p className="prose" lang={summary.lang === language ? undefined : summary.lang}>
        {summary.text}
      </p>

      <h2>{t.offering.details}</h2>
      <dl className="facts">
        <dt>{t.offering.kind}</dt>
        <dd>{labelOf(t.labels.kinds, o.kind)}</dd>
        <dt>{t.offering.topics}</dt>
        <dd>
          <ul className="inline-list">
            {o.topics.map((topic) => (
              <li key={topic}>
                <Link to={`${paths.offerings}?amne=${encodeURIComponent(topic)}`}>
                  {labelOf(t.labels.topics, topic)}
                </Link>
              </li>
            ))}
          </ul>
        </dd>
        <dt>{t.offering.caseType}</dt>
        <dd>{labelOf(t.labels.caseTypes, o.caseType)}</dd>
        <dt>{t.offering.stages}</dt>
        <dd>
          {o.audience.stages.length === 0
            ? t.offering.allStages
            : o.audience.stages.map((s) => labelOf(t.labels.stages, s)).join(', ')}
        </dd>
        <dt>{t.offering.sizes}</dt>
        <dd>
          {o.audience.sizes.length === 0
            ? t.offering.allSizes
            : o.audience.sizes.map((s) => labelOf(t.labels.sizes, s)).join(', ')}
        </dd>
        <dt>{t.offering.geography}</dt>
        <dd>{wholeCountry ? t.labels.wholeCountry : place.join(', ') || t.app.loading}</dd>
      </dl>

      {o.situations.length > 0 && (
        <>
          <h2>{t.offering.situations}</h2>
          <ul className="quotes" lang={language === 'sv' ? undefined : 'sv'}>
            {o.situations.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
        </>
      )}

      {hasStrategies && strategies.state === 'ok' && (
        <>
          <h2>{t.offering.strategies}</h2>
          <ul>
            {o.strategyLinks.map((nodeId) => {
              const node = findNode(strategies.data.items, nodeId);
              if (!node) return null;
              return (
                <li key={nodeId}>
                  <Link to={strategyNodeHref(nodeId)}>
                    <LocalisedText value={node.title} />
                  </Link>
                </li>
              );
            })}
          </ul>
        </>
      )}

      <p className="next-link">
        <Link to={paths.organisation(o.provider.id)}>{t.offering.providerPage(o.provider.name)}</Link>
      </p>
    </>
  );
}
