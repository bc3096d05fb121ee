import { useEffect, useRef, useState } from 'react';
import type { OfferingResponse } from '../../../contracts/catalogue.js';
import type { IntakeResponse } from '../../../contracts/intake.js';
import { errorMessage } from '../../components/Status.js';
import { useI18n } from '../../i18n/i18n.js';
import { ApiError } from '../../lib/api.js';
import { useRegions } from '../../lib/regions.js';
import { useDocumentTitle } from '../../lib/use-document-title.js';
import { send } from '../access/access-api.js';
import { CaseReceipt } from '../cases/CaseReceipt.js';
import type { SubmitCaseAnswer } from '../cases/cases-api.js';
import { SubmitCaseForm } from '../cases/SubmitCaseForm.js';
import { IntakeForm } from './IntakeForm.js';
import { IntakeResults } from './IntakeResults.js';
import {
  type FieldProblem,
  fieldOf,
  type IntakeDraft,
  type IntakeField,
  MAX_TEXT,
  toRouteRequest,
} from './intake-form.js';

interface State {
  draft: IntakeDraft;
  answer: IntakeResponse | null;
  chosen: OfferingResponse | null;
  /** The case submitted for the chosen offering, and the e-mail address it was sent with. */
  submitted: { answer: SubmitCaseAnswer; email: string } | null;
}

const EMPTY: State = {
  draft: { text: '', place: '', stage: '', size: '' },
  answer: null,
  chosen: null,
  submitted: null,
};

/**
 * Kept while the app runs, so that reading an offering and coming back shows the same
 * suggestions. Not stored anywhere: the text can hold business details.
 */
let remembered: State = EMPTY;

/** The front door: describe the need, see suggestions with reasons, choose one. */
export function StartPage() {
  const { t, language } = useI18n();
  const regions = useRegions();
  const [state, setStateRaw] = useState<State>(remembered);
  const update = (change: (current: State) => State) =>
    setStateRaw((current) => {
      remembered = change(current);
      return remembered;
    });
  const [submitting, setSubmitting] = useState(false);
  const [problems, setProblems] = useState<Partial<Record<IntakeField, FieldProblem | string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [choosing, setChoosing] = useState<string | null>(null);
  const [choiceError, setChoiceError] = useState<string | null>(null);
  const resultsHeading = useRef<HTMLHeadingElement>(null);
  const confirmationHeading = useRef<HTMLHeadingElement>(null);
  const receiptHeading = useRef<HTMLHeadingElement>(null);
  const focusNext = useRef<'results' | 'confirmation' | 'receipt' | 'text' | null>(null);

  useDocumentTitle(state.submitted ? t.cases.receipt.title : state.chosen ? t.cases.submit.title : t.intake.title);

  useEffect(() => {
    const target = focusNext.current;
    if (!target) return;
    focusNext.current = null;
    if (target === 'results') resultsHeading.current?.focus();
    else if (target === 'confirmation') confirmationHeading.current?.focus();
    else if (target === 'receipt') receiptHeading.current?.focus();
    else document.getElementById('need')?.focus();
  });

  const fieldMessage = (field: IntakeField, problem: FieldProblem | string | undefined): string | undefined => {
    if (problem === undefined) return undefined;
    if (problem === 'required') return t.intake.textRequired;
    if (problem === 'too-long') return t.intake.textTooLong(MAX_TEXT);
    if (problem === 'unknown-municipality') return t.intake.municipalityUnknown;
    return field === 'municipality' ? t.intake.municipalityUnknown : t.intake.textRequired;
  };
  const fieldErrors = {
    text: fieldMessage('text', problems.text),
    municipality: fieldMessage('municipality', problems.municipality),
  };

  const submit = async () => {
    const built = toRouteRequest(state.draft, regions?.municipalities ?? [], language);
    if ('problems' in built) {
      setProblems(built.problems);
      setFormError(t.intake.formError);
      document.getElementById(built.problems.text ? 'need' : 'municipality')?.focus();
      return;
    }
    setProblems({});
    setFormError(null);
    setChoiceError(null);
    setSubmitting(true);
    try {
      // `send` carries the CSRF token when a company is signed in (the server demands it then).
      const answer = await send<IntakeResponse>('POST', '/api/intake/route', built.request);
      focusNext.current = 'results';
      update((s) => ({ ...s, answer, chosen: null, submitted: null }));
    } catch (error) {
      const problem = error instanceof ApiError ? error : new ApiError(0, 'unknown', String(error));
      const fields: Partial<Record<IntakeField, string>> = {};
      for (const e of problem.errors) {
        const field = fieldOf(e.field);
        if (field) fields[field] = problem.code;
      }
      if (problem.code === 'invalid_municipality') fields.municipality = problem.code;
      setProblems(fields);
      setFormError(errorMessage(t.errors, problem.code));
    } finally {
      setSubmitting(false);
    }
  };

  const choose = async (ranked: { offering: OfferingResponse }) => {
    if (!state.answer || choosing) return;
    setChoosing(ranked.offering.id);
    setChoiceError(null);
    try {
      await send<void>('POST', `/api/intake/${encodeURIComponent(state.answer.intakeId)}/choice`, {
        offeringId: ranked.offering.id,
      });
      focusNext.current = 'confirmation';
      update((s) => ({ ...s, chosen: ranked.offering }));
      window.scrollTo(0, 0);
    } catch (error) {
      setChoiceError(errorMessage(t.errors, error instanceof ApiError ? error.code : 'unknown'));
    } finally {
      setChoosing(null);
    }
  };

  const edit = () => {
    focusNext.current = 'text';
    update((s) => ({ ...s, answer: null }));
  };

  const startOver = () => {
    focusNext.current = 'text';
    update(() => EMPTY);
  };

  if (state.submitted) {
    return (
      <CaseReceipt
        answer={state.submitted.answer}
        email={state.submitted.email}
        headingRef={receiptHeading}
        onStartOver={startOver}
      />
    );
  }

  if (state.chosen) {
    return (
      <SubmitCaseForm
        offering={state.chosen}
        intakeId={state.answer?.intakeId ?? null}
        text={state.answer?.request.text ?? state.draft.text}
        place={state.draft.place}
        headingRef={confirmationHeading}
        onSubmitted={(answer, email) => {
          focusNext.current = 'receipt';
          update((s) => ({ ...s, submitted: { answer, email } }));
          window.scrollTo(0, 0);
        }}
        onStartOver={startOver}
      />
    );
  }

  return (
    <>
      <h1>{t.intake.title}</h1>
      <p className="lead">{t.intake.lead}</p>
      <IntakeForm
        draft={state.draft}
        onChange={(draft) => update((s) => ({ ...s, draft }))}
        onSubmit={submit}
        submitting={submitting}
        municipalities={regions?.municipalities ?? []}
        fieldErrors={fieldErrors}
        formError={formError}
      />
      {state.answer && (
        <IntakeResults
          result={state.answer.result}
          headingRef={resultsHeading}
          onChoose={choose}
          choosing={choosing}
          choiceError={choiceError}
          onEdit={edit}
        />
      )}
    </>
  );
}
