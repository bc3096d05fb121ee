import { type RefObject } from 'react';
import type { OfferingResponse } from '../../../contracts/catalogue.js';
import { useI18n } from '../../i18n/i18n.js';
import { pickLocalised } from '../../i18n/language.js';
import { Link } from '../../lib/router.js';
import { paths } from '../../lib/routes.js';

/** After "Välj": the choice is saved; submitting the case is the next step, not built yet. */
export function ChoiceConfirmation({
  offering,
  headingRef,
  onStartOver,
}: {
  offering: OfferingResponse;
  headingRef: RefObject<HTMLHeadingElement | null>;
  onStartOver: () => void;
}) {
  const { t, language } = useI18n();
  const title = pickLocalised(offering.title, language).text;
  return (
    <>
      <div className="notice notice--success">
        <h1 ref={headingRef} tabIndex={-1}>
          {t.intake.confirmationTitle}
        </h1>
        <p className="lead">{t.intake.confirmationLead(title)}</p>
      </div>
      <p>{t.intake.confirmationNext}</p>
      <div className="actions">
        <Link to={paths.offering(offering.id)} className="button">
          {t.intake.confirmationOffering}
        </Link>
        <button type="button" className="button button--secondary" onClick={onStartOver}>
          {t.intake.startOver}
        </button>
      </div>
    </>
  );
}
