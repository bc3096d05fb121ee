import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import type { OrganisationResponse } from '../../../contracts/catalogue.js';
import { useI18n } from '../../i18n/i18n.js';
import { ApiError, type ListResponse } from '../../lib/api.js';
import { useApi } from '../../lib/use-api.js';
import { CaseTimeline } from './CaseTimeline.js';
import { formatDay, formatMoment } from './case-format.js';
import {
  caseError,
  DocumentList,
  DocumentUploadForm,
  DueDate,
  Feedback,
  type FeedbackState,
  StatusTag,
} from './case-ui.js';
import { type CaseResponse, ifMatch, sendCase } from './cases-api.js';

/**
 * Where the company's actions go: the secret follow link (`/api/follow/{token}`) or, signed in,
 * Mina ärenden (`/api/my/cases/{id}`). The follow link has no consent revocation and no
 * document download in the API, so those are left out there.
 */
export interface CompanyCaseApi {
  base: string;
  mode: 'follow' | 'my';
}

/** One case as the company sees it: status and date, parts, the timeline, reply, upload, consent, withdraw. */
export function CompanyCaseView({
  data,
  api,
  onChange,
  onReload,
}: {
  data: CaseResponse;
  api: CompanyCaseApi;
  onChange: (updated: CaseResponse) => void;
  onReload: () => Promise<void>;
}) {
  const { t } = useI18n();
  const open = !data.status.final;
  const canWithdraw = data.allowedTransitions.includes('aterkallat');
  return (
    <>
      <h1>{data.subject}</h1>
      <dl className="facts">
        <dt>{t.cases.facts.diarienummer}</dt>
        <dd>{data.diarienummer}</dd>
        <dt>{t.cases.facts.handledBy}</dt>
        <dd>{data.organisation.name}</dd>
        <dt>{t.cases.facts.status}</dt>
        <dd>
          <StatusTag status={data.status} />
        </dd>
        <dt>{t.cases.facts.received}</dt>
        <dd>
          <ReceivedOn day={data.receivedOn} />
        </dd>
        <dt>{t.cases.facts.due}</dt>
        <dd>
          <DueDate dueOn={data.dueOn} overdue={data.overdue} />
        </dd>
        {data.companyName && (
          <>
            <dt>{t.cases.facts.company}</dt>
            <dd>{data.companyName}</dd>
          </>
        )}
      </dl>
      {data.overdue && (
        <div className="notice notice--error">
          <p>{t.cases.company.overdueNote(data.organisation.name)}</p>
        </div>
      )}

      {data.parts.length > 0 && (
        <section aria-labelledby="parts-heading">
          <h2 id="parts-heading">{t.cases.parts.heading}</h2>
          <p>{t.cases.parts.companyLead}</p>
          <PartsTable parts={data.parts} />
        </section>
      )}

      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">{t.cases.timelineHeading}</h2>
        <CaseTimeline events={data.timeline} view="company" />
      </section>

      {open && (
        <section aria-labelledby="reply-heading">
          <h2 id="reply-heading">{t.cases.company.replyHeading}</h2>
          <ReplyForm action={`${api.base}/replies`} onChange={onChange} />
        </section>
      )}

      <section aria-labelledby="documents-heading">
        <h2 id="documents-heading">{t.cases.documents.heading}</h2>
        <DocumentList
          documents={data.documents}
          href={api.mode === 'my' ? (documentId) => `${api.base}/documents/${documentId}` : null}
        />
        {open && <DocumentUploadForm action={`${api.base}/documents`} onUploaded={onChange} />}
      </section>

      <ConsentSection data={data} api={api} onChange={onChange} />

      {canWithdraw && <WithdrawSection data={data} api={api} onChange={onChange} onReload={onReload} />}
    </>
  );
}

function ReceivedOn({ day }: { day: string }) {
  const { language } = useI18n();
  return <time dateTime={day}>{formatDay(day, language)}</time>;
}

/** The parts of a coordinated case: who handles what, its status and date. */
export function PartsTable({ parts, caption }: { parts: CaseResponse['parts']; caption?: string }) {
  const { t } = useI18n();
  return (
    <table className="table">
      <caption className={caption ? undefined : 'visually-hidden'}>{caption ?? t.cases.parts.heading}</caption>
      <thead>
        <tr>
          <th scope="col">{t.cases.parts.part}</th>
          <th scope="col">{t.cases.parts.organisation}</th>
          <th scope="col">{t.cases.facts.status}</th>
          <th scope="col">{t.cases.facts.due}</th>
        </tr>
      </thead>
      <tbody>
        {parts.map((p) => (
          <tr key={p.id}>
            <th scope="row">{p.title}</th>
            <td>{p.organisation.name}</td>
            <td>
              <StatusTag status={p.status} />
            </td>
            <td>
              <DueDate dueOn={p.dueOn} overdue={p.overdue} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ReplyForm({ action, onChange }: { action: string; onChange: (updated: CaseResponse) => void }) {
  const { t } = useI18n();
  const [body, setBody] = useState('');
  const [feedback, setFeedback] = useState<FeedbackState>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (body.trim() === '') {
      setProblem(t.cases.company.replyRequired);
      document.getElementById('reply-body')?.focus();
      return;
    }
    setProblem(null);
    setBusy(true);
    setFeedback(null);
    try {
      const updated = await sendCase<CaseResponse>('POST', action, { body: { body: body.trim() } });
      setBody('');
      setFeedback({ kind: 'success', text: t.cases.company.replySent });
      onChange(updated);
    } catch (error) {
      setFeedback({ kind: 'error', text: caseError(t, error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Feedback value={feedback} />
      <div className={problem ? 'field field--error' : 'field'}>
        <label htmlFor="reply-body">{t.cases.company.replyLabel}</label>
        <p className="field__hint" id="reply-body-hint">
          {t.cases.company.replyHint}
        </p>
        {problem && (
          <p className="field__error" id="reply-body-error">
            {problem}
          </p>
        )}
        <textarea
          id="reply-body"
          className="textarea"
          rows={4}
          maxLength={10_000}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          aria-invalid={problem ? true : undefined}
          aria-describedby={['reply-body-hint', problem ? 'reply-body-error' : null].filter(Boolean).join(' ')}
        />
      </div>
      <button type="submit" className="button" aria-disabled={busy || undefined}>
        {busy ? t.cases.sending : t.cases.company.replySubmit}
      </button>
    </form>
  );
}

/**
 * Consent, asked in the company's own view: to whom (an organisation), what (the purpose, in the
 * company's words or ours), and when it was given; revocable where the API allows it.
 */
function ConsentSection({
  data,
  api,
  onChange,
}: {
  data: CaseResponse;
  api: CompanyCaseApi;
  onChange: (updated: CaseResponse) => void;
}) {
  const { t, language } = useI18n();
  const id = useId();
  const organisations = useApi<ListResponse<OrganisationResponse>>('/api/organisations?limit=100');
  const [organisationId, setOrganisationId] = useState('');
  const [purpose, setPurpose] = useState<string>(t.cases.consent.defaultPurpose);
  const [feedback, setFeedback] = useState<FeedbackState>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const others =
    organisations.state === 'ok'
      ? organisations.data.items
          .filter((o) => o.id !== data.organisation.id)
          .sort((a, b) => a.name.localeCompare(b.name, 'sv'))
      : [];

  const give = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!organisationId) {
      setProblem(t.cases.consent.organisationRequired);
      document.getElementById(`${id}-organisation`)?.focus();
      return;
    }
    if (purpose.trim().length < 3) {
      setProblem(t.cases.consent.purposeRequired);
      document.getElementById(`${id}-purpose`)?.focus();
      return;
    }
    setProblem(null);
    setBusy(true);
    setFeedback(null);
    try {
      const updated = await sendCase<CaseResponse>('POST', `${api.base}/consents`, {
        body: { organisationId, purpose: purpose.trim() },
      });
      const name = others.find((o) => o.id === organisationId)?.name ?? organisationId;
      setOrganisationId('');
      setFeedback({ kind: 'success', text: t.cases.consent.given(name) });
      onChange(updated);
    } catch (error) {
      setFeedback({ kind: 'error', text: caseError(t, error) });
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (consentId: string, name: string) => {
    setFeedback(null);
    try {
      const updated = await sendCase<CaseResponse>('DELETE', `${api.base}/consents/${consentId}`);
      setFeedback({ kind: 'success', text: t.cases.consent.revoked(name) });
      onChange(updated);
    } catch (error) {
      setFeedback({ kind: 'error', text: caseError(t, error) });
    }
  };

  return (
    <section aria-labelledby="consent-heading">
      <h2 id="consent-heading">{t.cases.consent.heading}</h2>
      <p>{t.cases.consent.lead}</p>
      <Feedback value={feedback} />
      {data.consents.length === 0 ? (
        <p>{t.cases.consent.none}</p>
      ) : (
        <table className="table">
          <caption>{t.cases.consent.tableCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{t.cases.consent.toWhom}</th>
              <th scope="col">{t.cases.consent.what}</th>
              <th scope="col">{t.cases.consent.when}</th>
              <th scope="col">{t.cases.consent.state}</th>
            </tr>
          </thead>
          <tbody>
            {data.consents.map((c) => (
              <tr key={c.id}>
                <th scope="row">{c.organisation.name}</th>
                <td>{c.purpose}</td>
                <td>
                  <time dateTime={c.givenAt}>{formatMoment(c.givenAt, language)}</time>
                </td>
                <td>
                  {c.revokedAt ? (
                    t.cases.consent.revokedAt(formatMoment(c.revokedAt, language))
                  ) : api.mode === 'my' ? (
                    <button
                      type="button"
                      className="button button--secondary"
                      onClick={() => void revoke(c.id, c.organisation.name)}
                    >
                      {t.cases.consent.revoke}
                      <span className="visually-hidden"> {c.organisation.name}</span>
                    </button>
                  ) : (
                    t.cases.consent.active
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {api.mode === 'follow' && data.consents.some((c) => !c.revokedAt) && (
        <p className="muted">{t.cases.consent.revokeByContact(data.organisation.name)}</p>
      )}

      <form onSubmit={(e) => void give(e)} noValidate className="consent-form">
        <h3>{t.cases.consent.formHeading}</h3>
        {problem && (
          <p className="field__error" role="alert">
            {problem}
          </p>
        )}
        <div className="field">
          <label htmlFor={`${id}-organisation`}>{t.cases.consent.organisationLabel}</label>
          <select
            id={`${id}-organisation`}
            className="select"
            value={organisationId}
            onChange={(e) => setOrganisationId(e.target.value)}
          >
            <option value="">{t.cases.consent.chooseOrganisation}</option>
            {others.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-purpose`}>{t.cases.consent.purposeLabel}</label>
          <p className="field__hint" id={`${id}-purpose-hint`}>
            {t.cases.consent.purposeHint}
          </p>
          <textarea
            id={`${id}-purpose`}
            className="textarea"
            rows={3}
            maxLength={1000}
            value={purpose}
            onChange={(e) => setPurpose(e.target.value)}
            aria-describedby={`${id}-purpose-hint`}
          />
        </div>
        <button type="submit" className="button" aria-disabled={busy || undefined}>
          {busy ? t.cases.sending : t.cases.consent.give}
        </button>
      </form>
    </section>
  );
}

/** Withdrawing is final, so it asks once more; If-Match keeps it from overriding a change just made. */
function WithdrawSection({
  data,
  api,
  onChange,
  onReload,
}: {
  data: CaseResponse;
  api: CompanyCaseApi;
  onChange: (updated: CaseResponse) => void;
  onReload: () => Promise<void>;
}) {
  const { t } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const [feedback, setFeedback] = useState<FeedbackState>(null);
  const [busy, setBusy] = useState(false);
  // Keyboard focus follows the question and comes back when it is answered "no".
  const yes = useRef<HTMLButtonElement>(null);
  const start = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);
  useEffect(() => {
    if (confirming) {
      asked.current = true;
      yes.current?.focus();
    } else if (asked.current) {
      start.current?.focus();
    }
  }, [confirming]);

  const withdraw = async () => {
    if (busy) return;
    setBusy(true);
    setFeedback(null);
    try {
      const updated = await sendCase<CaseResponse>('POST', `${api.base}/withdraw`, { headers: ifMatch(data.version) });
      setConfirming(false);
      onChange(updated);
    } catch (error) {
      setFeedback({ kind: 'error', text: caseError(t, error) });
      if (error instanceof ApiError && error.status === 412) await onReload();
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="withdraw-heading">
      <h2 id="withdraw-heading">{t.cases.company.withdrawHeading}</h2>
      <p>{t.cases.company.withdrawLead}</p>
      <Feedback value={feedback} />
      {confirming ? (
        <div className="notice notice--error">
          <p>{t.cases.company.withdrawConfirm(data.diarienummer)}</p>
          <div className="actions">
            <button
              ref={yes}
              type="button"
              className="button"
              onClick={() => void withdraw()}
              aria-disabled={busy || undefined}
            >
              {t.cases.company.withdrawYes}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
              {t.cases.company.withdrawNo}
            </button>
          </div>
        </div>
      ) : (
        <button ref={start} type="button" className="button button--secondary" onClick={() => setConfirming(true)}>
          {t.cases.company.withdraw}
        </button>
      )}
    </section>
  );
}
