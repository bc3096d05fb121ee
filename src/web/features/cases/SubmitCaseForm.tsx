import { type FormEvent, type RefObject, useState } from 'react';
import type { OfferingResponse } from '../../../contracts/catalogue.js';
import { MunicipalityInput } from '../../components/MunicipalityInput.js';
import { Loading } from '../../components/Status.js';
import { useI18n } from '../../i18n/i18n.js';
import { pickLocalised } from '../../i18n/language.js';
import { ApiError } from '../../lib/api.js';
import { resolveMunicipality } from '../../lib/geography.js';
import { useRegions } from '../../lib/regions.js';
import { Link } from '../../lib/router.js';
import { paths } from '../../lib/routes.js';
import { useMe } from '../access/use-me.js';
import { caseError } from './case-ui.js';
import { newIdempotencyKey, type SubmitCaseAnswer, type SubmitCaseRequest, submitCase } from './cases-api.js';

type Field = 'description' | 'municipality' | 'companyName' | 'companyOrgnr' | 'contactName' | 'contactEmail';
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const ORGNR = /^\d{6}-?\d{4}$/;
const FIELD_IDS: Record<Field, string> = {
  description: 'case-description',
  municipality: 'case-municipality',
  companyName: 'case-company',
  companyOrgnr: 'case-orgnr',
  contactName: 'case-contact-name',
  contactEmail: 'case-contact-email',
};
const ORDER: Field[] = ['description', 'municipality', 'companyName', 'companyOrgnr', 'contactName', 'contactEmail'];

/** Which field a problem+json error points at: `/contact/email`, `body/companyName` … */
function fieldOfPointer(pointer: string | undefined): Field | undefined {
  const parts = pointer?.split(/[/.]/).filter(Boolean) ?? [];
  const last = parts.pop();
  if (last === 'email') return 'contactEmail';
  if (last === 'name' && parts.pop() === 'contact') return 'contactName';
  return ORDER.find((f) => f === last);
}

/**
 * After "Välj": the case itself. The offering is fixed, the description comes from the front
 * door. Without signing in the company gives its name and a contact, and is told that a
 * verification e-mail with a personal follow link is on its way; signed in, the case belongs to
 * the company chosen for the session.
 */
export function SubmitCaseForm({
  offering,
  intakeId,
  text,
  place,
  headingRef,
  onSubmitted,
  onStartOver,
}: {
  offering: OfferingResponse;
  intakeId: string | null;
  text: string;
  place: string;
  headingRef: RefObject<HTMLHeadingElement | null>;
  onSubmitted: (answer: SubmitCaseAnswer, email: string) => void;
  onStartOver: () => void;
}) {
  const { t, language } = useI18n();
  const me = useMe();
  const regions = useRegions();
  // One key per form: a retry after a lost answer returns the first case instead of a second.
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [values, setValues] = useState({
    description: text,
    municipality: place,
    companyName: '',
    companyOrgnr: '',
    contactName: '',
    contactEmail: '',
  });
  const [prefilled, setPrefilled] = useState(false);
  const [problems, setProblems] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const title = pickLocalised(offering.title, language);

  if (me.state === 'ok' && !prefilled) {
    setPrefilled(true);
    setValues((v) => ({
      ...v,
      contactName: v.contactName || (me.me.user.name ?? ''),
      contactEmail: v.contactEmail || (me.me.user.email ?? ''),
    }));
  }

  const signedIn = me.state === 'ok' ? me.me : null;
  const asCompany = signedIn?.user.kind === 'company-rep';
  const set = (field: Field, value: string) => setValues((v) => ({ ...v, [field]: value }));

  const validate = (): { request: SubmitCaseRequest } | { problems: Partial<Record<Field, string>> } => {
    const found: Partial<Record<Field, string>> = {};
    const description = values.description.trim();
    if (description.length < 3) found.description = t.cases.submit.descriptionRequired;
    const municipality = resolveMunicipality(values.municipality, regions?.municipalities ?? []);
    if (municipality === null) found.municipality = t.intake.municipalityUnknown;
    if (!asCompany && values.companyName.trim() === '') found.companyName = t.cases.submit.companyRequired;
    const orgnr = values.companyOrgnr.trim();
    if (!asCompany && orgnr !== '' && !ORGNR.test(orgnr)) found.companyOrgnr = t.cases.submit.orgnrInvalid;
    if (values.contactName.trim() === '') found.contactName = t.cases.submit.contactNameRequired;
    if (!EMAIL.test(values.contactEmail.trim())) found.contactEmail = t.cases.submit.emailInvalid;
    if (Object.keys(found).length > 0) return { problems: found };
    const request: SubmitCaseRequest = {
      offeringId: offering.id,
      description,
      contact: { name: values.contactName.trim(), email: values.contactEmail.trim() },
    };
    if (intakeId) request.intakeId = intakeId;
    if (municipality) request.municipality = municipality;
    if (!asCompany) {
      request.companyName = values.companyName.trim();
      if (orgnr) request.companyOrgnr = orgnr;
    }
    return { request };
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const built = validate();
    if ('problems' in built) {
      setProblems(built.problems);
      setFormError(t.intake.formError);
      const first = ORDER.find((f) => built.problems[f]);
      if (first) document.getElementById(FIELD_IDS[first])?.focus();
      return;
    }
    setProblems({});
    setFormError(null);
    setBusy(true);
    try {
      const answer = await submitCase(built.request, idempotencyKey);
      onSubmitted(answer, built.request.contact.email);
    } catch (error) {
      const fields: Partial<Record<Field, string>> = {};
      if (error instanceof ApiError) {
        for (const e of error.errors) {
          const field = fieldOfPointer(e.field);
          if (field) fields[field] = t.cases.submit.fieldInvalid;
        }
        if (error.code === 'invalid_municipality') fields.municipality = t.intake.municipalityUnknown;
      }
      setProblems(fields);
      setFormError(caseError(t, error));
    } finally {
      setBusy(false);
    }
  };

  const field = (name: Field, label: string, options: { hint?: string; type?: string; autoComplete?: string } = {}) => {
    const id = FIELD_IDS[name];
    const problem = problems[name];
    const describedBy = [options.hint ? `${id}-hint` : null, problem ? `${id}-error` : null].filter(Boolean).join(' ');
    return (
      <div className={problem ? 'field field--error' : 'field'}>
        <label htmlFor={id}>{label}</label>
        {options.hint && (
          <p className="field__hint" id={`${id}-hint`}>
            {options.hint}
          </p>
        )}
        {problem && (
          <p className="field__error" id={`${id}-error`}>
            {problem}
          </p>
        )}
        <input
          id={id}
          name={name}
          type={options.type ?? 'text'}
          className="input input--medium"
          autoComplete={options.autoComplete}
          value={values[name]}
          onChange={(e) => set(name, e.target.value)}
          aria-invalid={problem ? true : undefined}
          aria-describedby={describedBy || undefined}
        />
      </div>
    );
  };

  const heading = (
    <>
      <h1 ref={headingRef} tabIndex={-1}>
        {t.cases.submit.title}
      </h1>
      <p className="lead">
        {t.cases.submit.lead} <strong lang={title.lang === language ? undefined : title.lang}>{title.text}</strong>
        {t.cases.submit.leadProvider(offering.provider.name, offering.unit?.name ?? null)}
      </p>
    </>
  );

  if (me.state === 'loading') {
    return (
      <>
        {heading}
        <Loading />
      </>
    );
  }
  if (signedIn && !asCompany) {
    return (
      <>
        {heading}
        <div className="notice" role="status">
          <p>{t.cases.submit.staffCannotSubmit}</p>
        </div>
        <StartOver onStartOver={onStartOver} />
      </>
    );
  }
  if (signedIn && asCompany && !signedIn.actingCompany) {
    return (
      <>
        {heading}
        <div className="notice" role="status">
          <p>{t.cases.submit.chooseCompanyFirst}</p>
          <p>
            <Link to={paths.account}>{t.cases.submit.chooseCompanyLink}</Link>
          </p>
        </div>
        <StartOver onStartOver={onStartOver} />
      </>
    );
  }

  const descriptionProblem = problems.description;
  return (
    <>
      {heading}
      <form className="case-form" onSubmit={(e) => void submit(e)} noValidate>
        <div className="form-error" role="alert">
          {formError && <p className="notice notice--error">{formError}</p>}
        </div>
        <div className={descriptionProblem ? 'field field--error' : 'field'}>
          <label htmlFor={FIELD_IDS.description} className="label--large">
            {t.cases.submit.descriptionLabel}
          </label>
          <p className="field__hint" id="case-description-hint">
            {t.cases.submit.descriptionHint}
          </p>
          {descriptionProblem && (
            <p className="field__error" id="case-description-error">
              {descriptionProblem}
            </p>
          )}
          <textarea
            id={FIELD_IDS.description}
            name="description"
            className="textarea"
            rows={6}
            maxLength={10_000}
            value={values.description}
            onChange={(e) => set('description', e.target.value)}
            aria-invalid={descriptionProblem ? true : undefined}
            aria-describedby={['case-description-hint', descriptionProblem ? 'case-description-error' : null]
              .filter(Boolean)
              .join(' ')}
          />
        </div>
        <MunicipalityInput
          id={FIELD_IDS.municipality}
          label={t.cases.submit.municipalityLabel}
          hint={t.cases.submit.municipalityHint}
          value={values.municipality}
          onChange={(v) => set('municipality', v)}
          municipalities={regions?.municipalities ?? []}
          error={problems.municipality}
        />

        <fieldset className="fieldset">
          <legend>{t.cases.submit.companyLegend}</legend>
          {asCompany && signedIn?.actingCompany ? (
            <p>
              {t.cases.submit.signedInCompany(
                signedIn.actingCompany.name ?? signedIn.actingCompany.orgnr,
                signedIn.actingCompany.orgnr,
              )}
            </p>
          ) : (
            <>
              {field('companyName', t.cases.submit.companyName, { autoComplete: 'organization' })}
              {field('companyOrgnr', t.cases.submit.orgnr, { hint: t.cases.submit.orgnrHint })}
            </>
          )}
          {field('contactName', t.cases.submit.contactName, { autoComplete: 'name' })}
          {field('contactEmail', t.cases.submit.contactEmail, {
            type: 'email',
            autoComplete: 'email',
            hint: asCompany ? t.cases.submit.emailHintSignedIn : t.cases.submit.emailHint,
          })}
        </fieldset>

        {!asCompany && (
          <div className="notice notice--info" id="case-verification-note">
            <h2 className="notice__heading">{t.cases.submit.verificationHeading}</h2>
            <p>{t.cases.submit.verificationNote}</p>
          </div>
        )}

        <div className="actions">
          <button type="submit" className="button button--large" aria-disabled={busy || undefined}>
            {busy ? t.cases.submit.sending : t.cases.submit.submit}
          </button>
          <Link to={paths.offering(offering.id)}>{t.intake.confirmationOffering}</Link>
        </div>
      </form>
      <StartOver onStartOver={onStartOver} />
    </>
  );
}

function StartOver({ onStartOver }: { onStartOver: () => void }) {
  const { t } = useI18n();
  return (
    <p>
      <button type="button" className="button button--secondary" onClick={onStartOver}>
        {t.intake.startOver}
      </button>
    </p>
  );
}
