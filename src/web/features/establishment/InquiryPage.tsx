import { type FormEvent, useId, useState } from 'react';
import type { InquiryResponse } from '../../../contracts/establishment.js';
import { errorMessage, LoadError, Loading } from '../../components/Status.js';
import { useI18n } from '../../i18n/i18n.js';
import { ApiError } from '../../lib/api.js';
import { Link } from '../../lib/router.js';
import { paths } from '../../lib/routes.js';
import { useApi } from '../../lib/use-api.js';
import { useDocumentTitle } from '../../lib/use-document-title.js';
import { send } from '../access/access-api.js';
import { requirementsText } from './InquiriesPage.js';
import './establishment.css';

/** One inquiry: requirements, the sites that may suit (and why), the pipeline moves, history and permit cases. */
export function InquiryPage({ id }: { id: string }) {
  const { t, language } = useI18n();
  const i = t.investment;
  const loaded = useApi<InquiryResponse>(`/api/investment-inquiries/${encodeURIComponent(id)}`);
  const [changed, setChanged] = useState<InquiryResponse | null>(null);
  const inquiry = changed ?? (loaded.state === 'ok' ? loaded.data : null);
  useDocumentTitle(inquiry ? inquiry.codeName : loaded.state === 'error' ? t.errors.heading : null);

  if (loaded.state === 'loading') return <Loading />;
  if (loaded.state === 'error') return <LoadError error={loaded.error} onRetry={loaded.reload} level={1} />;
  if (!inquiry) return null;
  const q = inquiry;
  const date = new Intl.DateTimeFormat(language === 'sv' ? 'sv-SE' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Stockholm',
  });

  return (
    <>
      <p className="breadcrumb">
        <Link to={paths.inquiries}>{i.backToList}</Link>
      </p>
      <h1>{q.codeName}</h1>
      <dl className="facts">
        <dt>{i.stage}</dt>
        <dd>{i.stages[q.stage]}</dd>
        <dt>{i.investor}</dt>
        <dd>{[q.investor, q.investorCountry].filter(Boolean).join(', ') || i.none_}</dd>
        <dt>{i.sector}</dt>
        <dd>{q.sector ?? i.none_}</dd>
        <dt>{i.requirements}</dt>
        <dd>{requirementsText(q.requirements, i)}</dd>
        <dt>{i.holder}</dt>
        <dd>{q.organisation.name}</dd>
        <dt>{i.sharedWith}</dt>
        <dd>{q.sharedWith.map((o) => o.name).join(', ') || i.none_}</dd>
      </dl>

      <h2>{i.suggestedSites}</h2>
      {q.suggestedSites.length === 0 ? (
        <p>{i.noSuggestions}</p>
      ) : (
        <ul>
          {q.suggestedSites.map((s) => (
            <li key={s.site.id}>
              <Link to={paths.site(s.site.id)}>{s.site.name}</Link> ({s.site.municipality.name}) – {i.score}{' '}
              {Math.round(s.score * 100)} %.{' '}
              {s.checks.map((c) => `${i.criteria[c.criterion]}: ${i.outcomes[c.outcome]}`).join(', ')}
            </li>
          ))}
        </ul>
      )}

      <MoveForm inquiry={q} onChanged={setChanged} />

      <h2>{i.cases}</h2>
      {q.cases.length === 0 ? (
        <p>{i.noCases}</p>
      ) : (
        <ul>
          {q.cases.map((c) => (
            <li key={c.caseId}>
              <Link to={paths.staffCase(c.caseId)}>{c.caseId}</Link>
            </li>
          ))}
        </ul>
      )}
      <LinkCaseForm inquiry={q} onChanged={setChanged} />

      <h2>{i.history}</h2>
      <ol>
        {q.history.map((h) => (
          <li key={`${h.at}-${h.to}-${h.note}`}>
            {date.format(new Date(h.at))}: {h.to ? (i.stages[h.to as keyof typeof i.stages] ?? h.to) : ''}
            {h.note ? ` – ${h.note}` : ''}
          </li>
        ))}
      </ol>
    </>
  );
}

function useProblem() {
  const { t } = useI18n();
  return (err: unknown) => {
    const code = err instanceof ApiError ? err.code : 'unknown';
    const i = t.investment;
    if (code === 'conflict') return i.conflict;
    if (code === 'illegal_transition') return i.illegal_transition;
    if (code === 'case_not_found') return i.case_not_found;
    return errorMessage(t.errors, code);
  };
}

function MoveForm({ inquiry, onChanged }: { inquiry: InquiryResponse; onChanged: (q: InquiryResponse) => void }) {
  const { t } = useI18n();
  const i = t.investment;
  const problem = useProblem();
  const ids = { to: useId(), note: useId(), reason: useId() };
  const [to, setTo] = useState(inquiry.nextStages[0] ?? '');
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  if (inquiry.nextStages.length === 0)
    return (
      <>
        <h2>{i.moveHeading}</h2>
        <p>{i.noMoves}</p>
      </>
    );

  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      const moved = await send<InquiryResponse>('POST', `/api/investment-inquiries/${inquiry.id}/stage`, {
        version: inquiry.version,
        to,
        ...(note.trim() ? { note: note.trim() } : {}),
        ...(to === 'lost' ? { lostReason: reason.trim() } : {}),
      });
      onChanged(moved);
      setTo(moved.nextStages[0] ?? '');
      setNote('');
      setMessage({ ok: true, text: i.moved(i.stages[moved.stage]) });
    } catch (err) {
      setMessage({ ok: false, text: problem(err) });
    }
  }

  return (
    <form className="event-form" onSubmit={submit} noValidate aria-labelledby={`${ids.to}-heading`}>
      <h2 id={`${ids.to}-heading`}>{i.moveHeading}</h2>
      <div role="status">{message?.ok && <p className="notice notice--success">{message.text}</p>}</div>
      <div role="alert">{message && !message.ok && <p className="notice notice--error">{message.text}</p>}</div>
      <div className="field">
        <label htmlFor={ids.to}>{i.moveTo}</label>
        <select id={ids.to} className="select" value={to} onChange={(e) => setTo(e.target.value as typeof to)}>
          {inquiry.nextStages.map((s) => (
            <option key={s} value={s}>
              {i.stages[s]}
            </option>
          ))}
        </select>
      </div>
      {to === 'lost' && (
        <div className="field">
          <label htmlFor={ids.reason}>{i.lostReason}</label>
          <input id={ids.reason} className="input" value={reason} onChange={(e) => setReason(e.target.value)} />
        </div>
      )}
      <div className="field">
        <label htmlFor={ids.note}>{i.note}</label>
        <textarea id={ids.note} className="textarea" value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
      <button type="submit" className="button">
        {i.move}
      </button>
    </form>
  );
}

function LinkCaseForm({ inquiry, onChanged }: { inquiry: InquiryResponse; onChanged: (q: InquiryResponse) => void }) {
  const { t } = useI18n();
  const i = t.investment;
  const problem = useProblem();
  const id = useId();
  const [caseId, setCaseId] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (inquiry.stage !== 'decision' && inquiry.stage !== 'established') return <p className="muted">{i.linkHint}</p>;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      onChanged(
        await send<InquiryResponse>('POST', `/api/investment-inquiries/${inquiry.id}/cases`, { caseId: caseId.trim() }),
      );
      setCaseId('');
    } catch (err) {
      setError(problem(err));
    }
  }

  return (
    <form className="event-form" onSubmit={submit} noValidate>
      <div role="alert">{error && <p className="notice notice--error">{error}</p>}</div>
      <div className="field">
        <label htmlFor={id}>{i.caseId}</label>
        <input id={id} className="input" value={caseId} onChange={(e) => setCaseId(e.target.value)} />
      </div>
      <button type="submit" className="button button--secondary">
        {i.linkCase}
      </button>
    </form>
  );
}
