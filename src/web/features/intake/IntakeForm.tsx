import type { FormEvent } from 'react';
import { MunicipalityInput } from '../../components/MunicipalityInput.js';
import { useI18n } from '../../i18n/i18n.js';
import { labelOf } from '../../i18n/language.js';
import type { Municipality } from '../../lib/geography.js';
import { type IntakeDraft, type IntakeField, MAX_TEXT, SIZE_OPTIONS, STAGE_OPTIONS } from './intake-form.js';

interface Props {
  draft: IntakeDraft;
  onChange: (draft: IntakeDraft) => void;
  onSubmit: () => void;
  submitting: boolean;
  municipalities: readonly Municipality[];
  /** Field messages, already in the reader's language. */
  fieldErrors: Partial<Record<IntakeField, string>>;
  /** The message for the whole form, announced by the live region. */
  formError: string | null;
}

/** "Vad behöver ditt företag hjälp med?": free text, and optionally municipality, stage and size. */
export function IntakeForm({ draft, onChange, onSubmit, submitting, municipalities, fieldErrors, formError }: Props) {
  const { t } = useI18n();
  const set = (patch: Partial<IntakeDraft>) => onChange({ ...draft, ...patch });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!submitting) onSubmit();
  };
  const textDescribedBy = ['need-hint', fieldErrors.text ? 'need-error' : null].filter(Boolean).join(' ');

  return (
    <form className="intake-form" onSubmit={submit} noValidate>
      <div className="form-error" id="intake-form-error" role="alert">
        {formError && <p className="notice notice--error">{formError}</p>}
      </div>
      <div className={fieldErrors.text ? 'field field--error' : 'field'}>
        <label htmlFor="need" className="label--large">
          {t.intake.textLabel}
        </label>
        <p className="field__hint" id="need-hint">
          {t.intake.textHint}
        </p>
        {fieldErrors.text && (
          <p className="field__error" id="need-error">
            {fieldErrors.text}
          </p>
        )}
        <textarea
          id="need"
          name="text"
          className="textarea"
          rows={5}
          value={draft.text}
          maxLength={MAX_TEXT}
          onChange={(event) => set({ text: event.target.value })}
          aria-invalid={fieldErrors.text ? true : undefined}
          aria-describedby={textDescribedBy}
        />
      </div>

      <fieldset className="fieldset">
        <legend>{t.intake.aboutCompany}</legend>
        <p className="field__hint">{t.intake.aboutCompanyHint}</p>
        <MunicipalityInput
          id="municipality"
          label={t.intake.municipalityLabel}
          hint={t.intake.municipalityHint}
          value={draft.place}
          onChange={(place) => set({ place })}
          municipalities={municipalities}
          error={fieldErrors.municipality}
        />
        <div className="field">
          <label htmlFor="stage">{t.intake.stageLabel}</label>
          <select
            id="stage"
            name="stage"
            className="select"
            value={draft.stage}
            onChange={(e) => set({ stage: e.target.value })}
          >
            <option value="">{t.intake.notStated}</option>
            {STAGE_OPTIONS.map((stage) => (
              <option key={stage} value={stage}>
                {labelOf(t.labels.stages, stage)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="size">{t.intake.sizeLabel}</label>
          <select
            id="size"
            name="size"
            className="select"
            value={draft.size}
            onChange={(e) => set({ size: e.target.value })}
          >
            <option value="">{t.intake.notStated}</option>
            {SIZE_OPTIONS.map((size) => (
              <option key={size} value={size}>
                {labelOf(t.labels.sizes, size)}
              </option>
            ))}
          </select>
        </div>
      </fieldset>

      <button type="submit" className="button button--large" aria-disabled={submitting || undefined}>
        {submitting ? t.intake.submitting : t.intake.submit}
      </button>
    </form>
  );
}
