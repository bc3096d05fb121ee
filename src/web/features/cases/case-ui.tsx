import { type FormEvent, useId, useState } from 'react';
import { errorMessage } from '../../components/Status.js';
import { useI18n } from '../../i18n/i18n.js';
import type { Messages } from '../../i18n/sv.js';
import { ApiError } from '../../lib/api.js';
import { DOCUMENT_ACCEPT, documentContentType, formatDay } from './case-format.js';
import { type Assignee, type CaseResponse, sendCase } from './cases-api.js';

/** One option per colleague, by name (for the assign and filter selects). */
export function ColleagueOptions({ colleagues }: { colleagues: readonly Assignee[] }) {
  const { t } = useI18n();
  return colleagues.map((c) => (
    <option key={c.id} value={c.id}>
      {c.name ?? t.cases.unnamedColleague}
    </option>
  ));
}

/** The sentence for a problem code of the cases API, in the reader's language. */
export function caseError(t: Messages, error: unknown): string {
  const code = error instanceof ApiError ? error.code : 'unknown';
  return t.cases.errors[code] ?? errorMessage(t.errors, code);
}

export type FeedbackState = { kind: 'success' | 'error'; text: string } | null;

/** A form's outcome, announced: errors as alerts, successes politely. */
export function Feedback({ value }: { value: FeedbackState }) {
  return (
    <div className="form-feedback" aria-live="polite">
      {value && (
        <div className={`notice notice--${value.kind}`} role={value.kind === 'error' ? 'alert' : 'status'}>
          <p>{value.text}</p>
        </div>
      )}
    </div>
  );
}

/** "15 juni 2026", with "Försenat" after it when the date has passed and the case is open. */
export function DueDate({ dueOn, overdue }: { dueOn: string; overdue: boolean }) {
  const { t, language } = useI18n();
  return (
    <>
      <time dateTime={dueOn}>{formatDay(dueOn, language)}</time>
      {overdue && (
        <>
          {' '}
          <span className="tag tag--overdue">{t.cases.overdue}</span>
        </>
      )}
    </>
  );
}

/** A status as a tag; final statuses look settled. */
export function StatusTag({ status }: { status: CaseResponse['status'] }) {
  const { language } = useI18n();
  return (
    <span className={status.final ? 'tag tag--final' : 'tag tag--status'}>
      {language === 'en' ? status.en : status.sv}
    </span>
  );
}

/**
 * Upload one document: the file goes as the request's raw body with its Content-Type. Type and
 * size are checked here first so nobody waits for a 10 MB upload the server will refuse.
 */
export function DocumentUploadForm({
  action,
  withVisibility,
  onUploaded,
}: {
  /** The upload path without the query, e.g. `/api/my/cases/…/documents`. */
  action: string;
  /** Staff choose whether the company sees the document. */
  withVisibility?: boolean;
  onUploaded: (updated: CaseResponse) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [feedback, setFeedback] = useState<FeedbackState>(null);
  const [busy, setBusy] = useState(false);
  const [fieldError, setFieldError] = useState<string | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const form = event.currentTarget;
    const data = new FormData(form);
    const file = data.get('file');
    if (!(file instanceof File) || file.name === '') {
      setFieldError(t.cases.upload.required);
      document.getElementById(`${id}-file`)?.focus();
      return;
    }
    const checked = documentContentType(file);
    if ('problem' in checked) {
      setFieldError(t.cases.upload.problems[checked.problem]);
      document.getElementById(`${id}-file`)?.focus();
      return;
    }
    setFieldError(null);
    setBusy(true);
    setFeedback(null);
    const visibility = data.get('visibility') === 'company' ? 'company' : 'internal';
    const query = new URLSearchParams({ name: file.name });
    if (withVisibility) query.set('visibility', visibility);
    try {
      const updated = await sendCase<CaseResponse>('POST', `${action}?${query.toString()}`, {
        file: { content: file, contentType: checked.contentType },
      });
      form.reset();
      setFeedback({ kind: 'success', text: t.cases.upload.done(file.name) });
      onUploaded(updated);
    } catch (error) {
      setFeedback({ kind: 'error', text: caseError(t, error) });
    } finally {
      setBusy(false);
    }
  };

  const describedBy = [`${id}-hint`, fieldError ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Feedback value={feedback} />
      <div className={fieldError ? 'field field--error' : 'field'}>
        <label htmlFor={`${id}-file`}>{t.cases.upload.label}</label>
        <p className="field__hint" id={`${id}-hint`}>
          {t.cases.upload.hint}
        </p>
        {fieldError && (
          <p className="field__error" id={`${id}-error`}>
            {fieldError}
          </p>
        )}
        <input
          id={`${id}-file`}
          name="file"
          type="file"
          className="input"
          accept={DOCUMENT_ACCEPT}
          aria-invalid={fieldError ? true : undefined}
          aria-describedby={describedBy}
        />
      </div>
      {withVisibility && (
        <fieldset className="fieldset">
          <legend>{t.cases.upload.visibility}</legend>
          <div className="choice">
            <input type="radio" id={`${id}-internal`} name="visibility" value="internal" defaultChecked />
            <label htmlFor={`${id}-internal`}>{t.cases.upload.internal}</label>
          </div>
          <div className="choice">
            <input type="radio" id={`${id}-company`} name="visibility" value="company" />
            <label htmlFor={`${id}-company`}>{t.cases.upload.company}</label>
          </div>
        </fieldset>
      )}
      <button type="submit" className="button button--secondary" aria-disabled={busy || undefined}>
        {busy ? t.cases.upload.sending : t.cases.upload.submit}
      </button>
    </form>
  );
}

/** The case's documents; `href` is null where the API offers no download (the follow link). */
export function DocumentList({
  documents,
  href,
  showVisibility,
}: {
  documents: CaseResponse['documents'];
  href: ((documentId: string) => string) | null;
  showVisibility?: boolean;
}) {
  const { t, language } = useI18n();
  if (documents.length === 0) return <p>{t.cases.documents.none}</p>;
  return (
    <ul className="document-list">
      {documents.map((d) => (
        <li key={d.id}>
          {href ? (
            <a href={href(d.id)} download={d.fileName}>
              {d.fileName}
            </a>
          ) : (
            <span>{d.fileName}</span>
          )}{' '}
          <span className="muted">
            {t.cases.documents.meta(
              formatDay(d.createdAt.slice(0, 10), language),
              t.cases.documents.by[d.uploadedByKind] ?? d.uploadedByKind,
            )}
          </span>
          {showVisibility && d.visibility === 'internal' && (
            <>
              {' '}
              <span className="tag tag--internal">{t.cases.internalTag}</span>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
