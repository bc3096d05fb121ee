import { type RefObject, useId } from 'react';
import type { IntakeResponse } from '../../../contracts/intake.js';
import { LocalisedText } from '../../components/LocalisedText.js';
import { useI18n } from '../../i18n/i18n.js';
import { pickLocalised } from '../../i18n/language.js';
import { Link } from '../../lib/router.js';
import { paths } from '../../lib/routes.js';
import { whyLine } from './intake-form.js';

type Result = IntakeResponse['result'];
type Ranked = Extract<Result, { kind: 'match' }>['offerings'][number];

interface Props {
  result: Result;
  headingRef: RefObject<HTMLHeadingElement | null>;
  onChoose: (ranked: Ranked) => void;
  /** The offering being saved, while the choice is on its way. */
  choosing: string | null;
  choiceError: string | null;
  onEdit: () => void;
}

/** The suggestions with provider, a one-line why and "Välj" – or the honest no-match answer. */
export function IntakeResults({ result, headingRef, onChoose, choosing, choiceError, onEdit }: Props) {
  const { t, language } = useI18n();
  if (result.kind === 'no-match') {
    const guidance = pickLocalised(result.guidance, language);
    return (
      <section className="results results--none" aria-labelledby="results-heading">
        <h2 id="results-heading" ref={headingRef} tabIndex={-1}>
          {t.intake.noMatchHeading}
        </h2>
        <p>{t.intake.noMatchLead}</p>
        <div className="notice notice--info" lang={guidance.lang === language ? undefined : guidance.lang}>
          {guidance.text.split(/\n\s*\n/).map((paragraph) => (
            <p key={paragraph}>{paragraph}</p>
          ))}
        </div>
        <div className="actions">
          <button type="button" className="button button--secondary" onClick={onEdit}>
            {t.intake.editAgain}
          </button>
          <Link to={paths.offerings} className="button button--secondary">
            {t.intake.noMatchBrowse}
          </Link>
        </div>
      </section>
    );
  }

  return (
    <section className="results" aria-labelledby="results-heading">
      <h2 id="results-heading" ref={headingRef} tabIndex={-1}>
        {t.intake.resultsHeading(result.offerings.length)}
      </h2>
      <p>{t.intake.resultsLead}</p>
      <div role="alert" className="form-error">
        {choiceError && <p className="notice notice--error">{choiceError}</p>}
      </div>
      <ol className="suggestions">
        {result.offerings.map((ranked) => (
          <li key={ranked.offering.id}>
            <Suggestion
              ranked={ranked}
              onChoose={onChoose}
              busy={choosing !== null}
              saving={choosing === ranked.offering.id}
            />
          </li>
        ))}
      </ol>
      <button type="button" className="button button--secondary" onClick={onEdit}>
        {t.intake.editAgain}
      </button>
    </section>
  );
}

function Suggestion({
  ranked,
  onChoose,
  busy,
  saving,
}: {
  ranked: Ranked;
  onChoose: (ranked: Ranked) => void;
  busy: boolean;
  saving: boolean;
}) {
  const { t, language } = useI18n();
  const titleId = useId();
  const { offering } = ranked;
  return (
    <article className="card suggestion">
      <h3 className="card__title" id={titleId}>
        <LocalisedText value={offering.title} />
      </h3>
      <p className="card__provider">
        {t.intake.providedBy} <strong>{offering.provider.name}</strong>
        {offering.unit && <> · {offering.unit.name}</>}
      </p>
      {ranked.reasons.length > 0 && (
        <p className="suggestion__why">
          <span className="suggestion__why-label">{t.intake.why}:</span> {whyLine(ranked.reasons, language)}
        </p>
      )}
      <div className="actions">
        <button type="button" className="button" onClick={() => onChoose(ranked)} aria-disabled={busy || undefined}>
          {saving ? (
            t.intake.choosing
          ) : (
            <>
              {t.intake.choose}
              <span className="visually-hidden"> {pickLocalised(offering.title, language).text}</span>
            </>
          )}
        </button>
        <Link to={paths.offering(offering.id)} aria-describedby={titleId}>
          {t.intake.readMore}
        </Link>
      </div>
    </article>
  );
}
