import type { OfferingResponse } from '../../../contracts/catalogue.js';
import { LocalisedText } from '../../components/LocalisedText.js';
import { useI18n } from '../../i18n/i18n.js';
import { labelOf, pickLocalised } from '../../i18n/language.js';
import { Link } from '../../lib/router.js';
import { paths } from '../../lib/routes.js';
import { excerpt } from '../../lib/text.js';

/** An offering in a list: title, provider, the start of the summary, kind and topics. */
export function OfferingCard({ offering, headingLevel = 3 }: { offering: OfferingResponse; headingLevel?: 2 | 3 }) {
  const { t, language } = useI18n();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const summary = pickLocalised(offering.summary, language);
  return (
    <article className="card">
      <Heading className="card__title">
        <Link to={paths.offering(offering.id)}>
          <LocalisedText value={offering.title} />
        </Link>
      </Heading>
      <p className="card__provider">
        {t.catalogue.providedBy} <Link to={paths.organisation(offering.provider.id)}>{offering.provider.name}</Link>
        {offering.unit && <> · {offering.unit.name}</>}
      </p>
      <p className="card__summary" lang={summary.lang === language ? undefined : summary.lang}>
        {excerpt(summary.text)}
      </p>
      <ul className="tags">
        <li className="tag tag--kind">{labelOf(t.labels.kinds, offering.kind)}</li>
        {offering.topics.map((topic) => (
          <li key={topic} className="tag">
            {labelOf(t.labels.topics, topic)}
          </li>
        ))}
      </ul>
    </article>
  );
}
