import { type FormEvent, useState } from 'react';
import { useI18n } from '../../i18n/i18n.js';
import { useDocumentTitle } from '../../lib/use-document-title.js';
import { mailtoHref } from './mailto.js';

export const ACCESSIBILITY_EMAIL = 'tillganglighet@lotsen.example';
const DIGG_REPORT_URL = 'https://www.digg.se/tdosanmalan';

/** Tillgänglighetsredogörelse after DIGG's model: status, shortcomings, how to report, supervision. */
export function AccessibilityStatementPage() {
  const { t } = useI18n();
  const a = t.accessibility;
  useDocumentTitle(a.title);
  return (
    <div className="prose">
      <h1>{a.title}</h1>
      <p className="lead">{a.intro}</p>

      <h2>{a.howAccessibleHeading}</h2>
      <p>{a.howAccessible}</p>

      <h2>{a.statusHeading}</h2>
      <p>{a.status}</p>

      <h2>{a.shortcomingsHeading}</h2>
      <ul>
        {a.shortcomings.map((text) => (
          <li key={text}>{text}</li>
        ))}
      </ul>

      <h2>{a.reportHeading}</h2>
      <p>{a.report}</p>
      <p>
        {a.reportEmail} <a href={`mailto:${ACCESSIBILITY_EMAIL}`}>{ACCESSIBILITY_EMAIL}</a>
      </p>
      <p>{a.reportAnswer}</p>
      <ReportForm />

      <h2>{a.supervisionHeading}</h2>
      <p>{a.supervision}</p>
      <p>
        <a href={DIGG_REPORT_URL} rel="noopener noreferrer">
          {a.supervisionLink}
        </a>
      </p>

      <h2>{a.technicalHeading}</h2>
      <p>{a.technical}</p>

      <h2>{a.testingHeading}</h2>
      <p>{a.testing}</p>
      <p className="muted">{a.updated}</p>
    </div>
  );
}

/**
 * Opens the reader's mail client with the report filled in. It needs no server (and no personal
 * data stored by Lotsen); the CSP's form-action does not apply, as this navigates rather than posts.
 */
function ReportForm() {
  const { t } = useI18n();
  const a = t.accessibility;
  const [page, setPage] = useState('');
  const [problem, setProblem] = useState('');
  const [error, setError] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (problem.trim() === '') {
      setError(true);
      document.getElementById('report-problem')?.focus();
      return;
    }
    setError(false);
    const body = `${a.formBodyPage}: ${page.trim() || '-'}\n\n${a.formBodyProblem}:\n${problem.trim()}\n`;
    window.location.href = mailtoHref(ACCESSIBILITY_EMAIL, a.formSubject, body);
  };

  return (
    <form className="report-form" onSubmit={submit} noValidate aria-labelledby="report-heading">
      <h3 id="report-heading">{a.formHeading}</h3>
      <p>{a.formLead}</p>
      <div className="field">
        <label htmlFor="report-page">{a.formPage}</label>
        <p className="field__hint" id="report-page-hint">
          {a.formPageHint}
        </p>
        <input
          id="report-page"
          type="text"
          className="input"
          value={page}
          onChange={(e) => setPage(e.target.value)}
          aria-describedby="report-page-hint"
        />
      </div>
      <div className={error ? 'field field--error' : 'field'}>
        <label htmlFor="report-problem">{a.formProblem}</label>
        <div role="alert">
          {error && (
            <p className="field__error" id="report-problem-error">
              {a.formProblemRequired}
            </p>
          )}
        </div>
        <textarea
          id="report-problem"
          className="textarea"
          rows={4}
          value={problem}
          onChange={(e) => setProblem(e.target.value)}
          aria-invalid={error || undefined}
          aria-describedby={error ? 'report-problem-error' : undefined}
        />
      </div>
      <button type="submit" className="button">
        {a.formSubmit}
      </button>
    </form>
  );
}
