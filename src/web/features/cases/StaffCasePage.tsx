import { type FormEvent, useId, useState } from 'react';
import type { OfferingResponse } from '../../../contracts/catalogue.js';
import { LoadError, Loading } from '../../components/Status.js';
import { useI18n } from '../../i18n/i18n.js';
import { pickLocalised } from '../../i18n/language.js';
import { ApiError, type ListResponse } from '../../lib/api.js';
import { municipalityName } from '../../lib/geography.js';
import { useRegions } from '../../lib/regions.js';
import { Link } from '../../lib/router.js';
import { paths } from '../../lib/routes.js';
import { useApi } from '../../lib/use-api.js';
import { useDocumentTitle } from '../../lib/use-document-title.js';
import type { MeResponse } from '../access/access-api.js';
import { SignInPanel } from '../access/SignInPanel.js';
import { useMe } from '../access/use-me.js';
import { CaseTimeline } from './CaseTimeline.js';
import {
  assigneeKind,
  assigneeLabel,
  formatDay,
  formatMoment,
  isCoordinator,
  mayHandle,
  STATUS_CODES,
  worksCases,
} from './case-format.js';
import {
  ColleagueOptions,
  caseError,
  DocumentList,
  DocumentUploadForm,
  DueDate,
  Feedback,
  type FeedbackState,
  StatusTag,
} from './case-ui.js';
import { type AssigneeListResponse, type CasePart, type CaseResponse, ifMatch, sendCase } from './cases-api.js';
import { useCase } from './use-case.js';

/** The case page for staff: timeline, messages and notes, status, assignment, documents, parts, referral. */
export function StaffCasePage({ id }: { id: string }) {
  const { t } = useI18n();
  const me = useMe();
  const staff = me.state === 'ok' && worksCases(me.me) ? me.me : null;
  const found = useCase(staff ? `/api/cases/${encodeURIComponent(id)}` : null);
  useDocumentTitle(found.state === 'ok' ? `${found.data.diarienummer} – ${t.cases.inbox.title}` : t.cases.inbox.title);

  const back = (
    <p className="breadcrumb">
      <Link to={paths.inbox}>{t.cases.inbox.title}</Link>
    </p>
  );
  if (me.state === 'loading' || (staff && found.state === 'loading')) {
    return (
      <>
        {back}
        <h1>{t.cases.inbox.title}</h1>
        <Loading />
      </>
    );
  }
  if (me.state === 'error') return <LoadError error={me.error} onRetry={me.reload} level={1} />;
  if (!staff) {
    return (
      <>
        <h1>{t.cases.inbox.title}</h1>
        {me.state === 'ok' ? (
          <div className="notice" role="status">
            <p>{t.cases.inbox.notStaff}</p>
          </div>
        ) : (
          <SignInPanel returnTo={paths.staffCase(id)} />
        )}
      </>
    );
  }
  if (found.state === 'error') {
    return (
      <>
        {back}
        <h1>{t.cases.inbox.title}</h1>
        <div className="notice notice--error" role="alert">
          <p>{caseError(t, found.error)}</p>
          {found.error.status !== 404 && (
            <button type="button" className="button button--secondary" onClick={found.retry}>
              {t.errors.retry}
            </button>
          )}
        </div>
      </>
    );
  }
  if (found.state !== 'ok') return null;
  return (
    <>
      {back}
      <StaffCase me={staff} data={found.data} onChange={found.set} refresh={found.refresh} />
    </>
  );
}

function StaffCase({
  me,
  data,
  onChange,
  refresh,
}: {
  me: MeResponse;
  data: CaseResponse;
  onChange: (updated: CaseResponse) => void;
  refresh: () => Promise<void>;
}) {
  const { t, language } = useI18n();
  const regions = useRegions();
  // Someone else changed the case (412): say so where everybody sees it, and show the new state.
  const [stale, setStale] = useState(false);
  const owner = mayHandle(me, { organisationId: data.organisation.id, unitId: data.unitId });
  const coordinator = isCoordinator(me);
  const offerings = useApi<ListResponse<OfferingResponse>>(
    `/api/offerings?limit=100${data.municipality ? `&municipality=${data.municipality}` : ''}`,
  );
  const assignees = useApi<AssigneeListResponse>(owner ? `/api/cases/assignees?caseId=${data.id}` : null);
  const colleagues = assignees.state === 'ok' ? assignees.data.items : [];

  const changed = (updated: CaseResponse) => {
    setStale(false);
    onChange(updated);
  };
  const failed = async (error: unknown) => {
    if (error instanceof ApiError && error.status === 412) {
      setStale(true);
      await refresh();
    }
  };

  return (
    <>
      <h1>
        <span className="case-heading__number">{data.diarienummer}</span> {data.subject}
      </h1>
      <div aria-live="assertive">
        {stale && (
          <div className="notice notice--error" role="alert">
            <p>{t.cases.errors.precondition_failed}</p>
          </div>
        )}
      </div>
      <dl className="facts">
        <dt>{t.cases.facts.status}</dt>
        <dd>
          <StatusTag status={data.status} />
        </dd>
        <dt>{t.cases.facts.due}</dt>
        <dd>
          <DueDate dueOn={data.dueOn} overdue={data.overdue} />
        </dd>
        <dt>{t.cases.facts.received}</dt>
        <dd>
          <time dateTime={data.receivedOn}>{formatDay(data.receivedOn, language)}</time>
        </dd>
        <dt>{t.cases.facts.assignee}</dt>
        <dd>{assigneeLabel(data.assigneeId, me.user.id, colleagues, t.cases)}</dd>
        <dt>{t.cases.facts.handledBy}</dt>
        <dd>{data.organisation.name}</dd>
        <dt>{t.cases.facts.offering}</dt>
        <dd>{data.offering.title}</dd>
        <dt>{t.cases.facts.company}</dt>
        <dd>
          {data.companyName ?? t.cases.noCompanyName}
          {data.companyOrgnr && ` (${data.companyOrgnr})`}
        </dd>
        <dt>{t.cases.facts.contact}</dt>
        <dd>
          {data.contact.name ?? '–'}
          {data.contact.email && (
            <>
              {', '}
              <a href={`mailto:${data.contact.email}`}>{data.contact.email}</a>
            </>
          )}
          {data.awaitingVerification && (
            <>
              {' '}
              <span className="tag">{t.cases.staff.emailUnverified}</span>
            </>
          )}
        </dd>
        <dt>{t.cases.facts.municipality}</dt>
        <dd>
          {data.municipality
            ? (municipalityName(data.municipality, regions?.municipalities ?? []) ?? data.municipality)
            : '–'}
        </dd>
      </dl>
      <h2>{t.cases.staff.descriptionHeading}</h2>
      <p className="case-description">{data.description}</p>

      {owner && (
        <div className="case-actions">
          <StatusForm data={data} onChange={changed} onFailed={failed} />
          <AssignSection me={me} data={data} colleagues={colleagues} onChanged={refresh} />
        </div>
      )}

      <section aria-labelledby="write-heading">
        <h2 id="write-heading">{t.cases.staff.writeHeading}</h2>
        <div className="compose-grid">
          <EntryForm kind="message" caseId={data.id} onChange={changed} />
          <EntryForm kind="note" caseId={data.id} onChange={changed} />
        </div>
      </section>

      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">{t.cases.timelineHeading}</h2>
        <CaseTimeline
          events={data.timeline}
          view="staff"
          nameOf={(id) => (id === me.user.id ? me.user.name : (colleagues.find((c) => c.id === id)?.name ?? null))}
        />
      </section>

      <section aria-labelledby="documents-heading">
        <h2 id="documents-heading">{t.cases.documents.heading}</h2>
        <DocumentList
          documents={data.documents}
          href={(documentId) => `/api/cases/${data.id}/documents/${documentId}`}
          showVisibility
        />
        <DocumentUploadForm action={`/api/cases/${data.id}/documents`} withVisibility onUploaded={changed} />
      </section>

      <PartsSection
        me={me}
        data={data}
        coordinator={coordinator}
        offerings={offerings.state === 'ok' ? offerings.data.items : []}
        onChange={changed}
        onFailed={failed}
      />

      <ReferralSection
        data={data}
        offerings={offerings.state === 'ok' ? offerings.data.items : []}
        onChange={changed}
      />
    </>
  );
}

function StatusForm({
  data,
  onChange,
  onFailed,
}: {
  data: CaseResponse;
  onChange: (updated: CaseResponse) => void;
  onFailed: (error: unknown) => Promise<void>;
}) {
  const { t } = useI18n();
  const [status, setStatus] = useState('');
  const [comment, setComment] = useState('');
  const [feedback, setFeedback] = useState<FeedbackState>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!status) {
      setFeedback({ kind: 'error', text: t.cases.staff.chooseStatus });
      document.getElementById('status-new')?.focus();
      return;
    }
    setBusy(true);
    setFeedback(null);
    try {
      const updated = await sendCase<CaseResponse>('POST', `/api/cases/${data.id}/status`, {
        body: { status, ...(comment.trim() ? { comment: comment.trim() } : {}) },
        headers: ifMatch(data.version),
      });
      setStatus('');
      setComment('');
      setFeedback({ kind: 'success', text: t.cases.staff.statusChanged(t.cases.statuses[status] ?? status) });
      onChange(updated);
    } catch (error) {
      setFeedback({ kind: 'error', text: caseError(t, error) });
      await onFailed(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="status-heading">
      <h2 id="status-heading">{t.cases.staff.statusHeading}</h2>
      {/* Outside the form: after a final status the form goes, the message stays. */}
      <Feedback value={feedback} />
      {data.allowedTransitions.length === 0 ? (
        <p>{t.cases.staff.noTransitions}</p>
      ) : (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <div className="field">
            <label htmlFor="status-new">{t.cases.staff.newStatus}</label>
            <select id="status-new" className="select" value={status} onChange={(e) => setStatus(e.target.value)}>
              <option value="">{t.cases.staff.chooseStatusOption}</option>
              {data.allowedTransitions.map((code) => (
                <option key={code} value={code}>
                  {t.cases.statuses[code] ?? code}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="status-comment">{t.cases.staff.statusComment}</label>
            <p className="field__hint" id="status-comment-hint">
              {t.cases.staff.statusCommentHint}
            </p>
            <textarea
              id="status-comment"
              className="textarea"
              rows={2}
              maxLength={4000}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              aria-describedby="status-comment-hint"
            />
          </div>
          <button type="submit" className="button" aria-disabled={busy || undefined}>
            {t.cases.staff.changeStatus}
          </button>
        </form>
      )}
    </section>
  );
}

function AssignSection({
  me,
  data,
  colleagues,
  onChanged,
}: {
  me: MeResponse;
  data: CaseResponse;
  /** Who would see the case (GET /api/cases/assignees?caseId=…). */
  colleagues: AssigneeListResponse['items'];
  onChanged: () => Promise<void>;
}) {
  const { t } = useI18n();
  const [feedback, setFeedback] = useState<FeedbackState>(null);
  const [chosen, setChosen] = useState('');
  const kind = assigneeKind(data.assigneeId, me.user.id);
  const others = colleagues.filter((c) => c.id !== me.user.id && c.id !== data.assigneeId);
  const nameOf = (id: string) => colleagues.find((c) => c.id === id)?.name ?? t.cases.unnamedColleague;

  const assign = async (assigneeId: string | null) => {
    setFeedback(null);
    try {
      await sendCase('POST', '/api/cases/assign', { body: { caseIds: [data.id], assigneeId } });
      await onChanged();
      setChosen('');
      setFeedback({
        kind: 'success',
        text:
          assigneeId === null
            ? t.cases.staff.unassignedDone
            : assigneeId === me.user.id
              ? t.cases.staff.assignedToYou
              : t.cases.staff.assignedToOther(nameOf(assigneeId)),
      });
    } catch (error) {
      setFeedback({ kind: 'error', text: caseError(t, error) });
    }
  };

  return (
    <section aria-labelledby="assign-heading">
      <h2 id="assign-heading">{t.cases.staff.assignHeading}</h2>
      <p>{t.cases.staff.assignedNow(assigneeLabel(data.assigneeId, me.user.id, colleagues, t.cases))}</p>
      <Feedback value={feedback} />
      {others.length > 0 && (
        <form
          className="assign-other"
          onSubmit={(event) => {
            event.preventDefault();
            if (chosen === '') setFeedback({ kind: 'error', text: t.cases.inbox.chooseAssigneeFirst });
            else void assign(chosen);
          }}
        >
          <label htmlFor="assign-colleague">{t.cases.staff.assignTo}</label>
          <div className="assign-other__row">
            <select id="assign-colleague" className="select" value={chosen} onChange={(e) => setChosen(e.target.value)}>
              <option value="">{t.cases.inbox.chooseAssignee}</option>
              <ColleagueOptions colleagues={others} />
            </select>
            <button type="submit" className="button button--secondary">
              {t.cases.staff.assignOther}
            </button>
          </div>
        </form>
      )}
      <div className="actions">
        {kind !== 'me' && (
          <button type="button" className="button" onClick={() => void assign(me.user.id)}>
            {t.cases.staff.assignMe}
          </button>
        )}
        {kind !== 'none' && (
          <button type="button" className="button button--secondary" onClick={() => void assign(null)}>
            {t.cases.staff.unassign}
          </button>
        )}
      </div>
    </section>
  );
}

/** A message to the company or an internal note: two forms, never one switch, so nobody mixes them up. */
function EntryForm({
  kind,
  caseId,
  onChange,
}: {
  kind: 'message' | 'note';
  caseId: string;
  onChange: (updated: CaseResponse) => void;
}) {
  const { t } = useI18n();
  const id = `${kind}-body`;
  const strings = kind === 'message' ? t.cases.staff.message : t.cases.staff.note;
  const [body, setBody] = useState('');
  const [feedback, setFeedback] = useState<FeedbackState>(null);
  const [problem, setProblem] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (body.trim() === '') {
      setProblem(true);
      document.getElementById(id)?.focus();
      return;
    }
    setProblem(false);
    setBusy(true);
    setFeedback(null);
    try {
      const updated = await sendCase<CaseResponse>(
        'POST',
        `/api/cases/${caseId}/${kind === 'message' ? 'messages' : 'notes'}`,
        {
          body: { body: body.trim() },
        },
      );
      setBody('');
      setFeedback({ kind: 'success', text: strings.done });
      onChange(updated);
    } catch (error) {
      setFeedback({ kind: 'error', text: caseError(t, error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className={`compose compose--${kind}`} onSubmit={(e) => void submit(e)} noValidate>
      <h3>{strings.heading}</h3>
      <Feedback value={feedback} />
      <div className={problem ? 'field field--error' : 'field'}>
        <label htmlFor={id}>{strings.label}</label>
        <p className="field__hint" id={`${id}-hint`}>
          {strings.hint}
        </p>
        {problem && (
          <p className="field__error" id={`${id}-error`}>
            {t.cases.staff.bodyRequired}
          </p>
        )}
        <textarea
          id={id}
          className="textarea"
          rows={4}
          maxLength={10_000}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          aria-invalid={problem ? true : undefined}
          aria-describedby={[`${id}-hint`, problem ? `${id}-error` : null].filter(Boolean).join(' ')}
        />
      </div>
      <button
        type="submit"
        className={kind === 'message' ? 'button' : 'button button--secondary'}
        aria-disabled={busy || undefined}
      >
        {busy ? t.cases.sending : strings.submit}
      </button>
    </form>
  );
}

function PartsSection({
  me,
  data,
  coordinator,
  offerings,
  onChange,
  onFailed,
}: {
  me: MeResponse;
  data: CaseResponse;
  coordinator: boolean;
  offerings: OfferingResponse[];
  onChange: (updated: CaseResponse) => void;
  onFailed: (error: unknown) => Promise<void>;
}) {
  const { t } = useI18n();
  if (data.parts.length === 0 && !coordinator) return null;
  return (
    <section aria-labelledby="parts-heading">
      <h2 id="parts-heading">{t.cases.parts.heading}</h2>
      <p>{t.cases.parts.staffLead}</p>
      {data.parts.length === 0 ? (
        <p>{t.cases.parts.none}</p>
      ) : (
        <ul className="part-list">
          {data.parts.map((part) => (
            <li key={part.id}>
              <PartRow
                caseId={data.id}
                part={part}
                mayChange={mayHandle(me, { organisationId: part.organisation.id, unitId: part.unitId })}
                onChange={onChange}
                onFailed={onFailed}
              />
            </li>
          ))}
        </ul>
      )}
      {coordinator && <SplitForm data={data} offerings={offerings} onChange={onChange} />}
    </section>
  );
}

function PartRow({
  caseId,
  part,
  mayChange,
  onChange,
  onFailed,
}: {
  caseId: string;
  part: CasePart;
  mayChange: boolean;
  onChange: (updated: CaseResponse) => void;
  onFailed: (error: unknown) => Promise<void>;
}) {
  const { t, language } = useI18n();
  const id = useId();
  const [status, setStatus] = useState('');
  const [feedback, setFeedback] = useState<FeedbackState>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || !status) return;
    setBusy(true);
    setFeedback(null);
    try {
      const updated = await sendCase<CaseResponse>('POST', `/api/cases/${caseId}/parts/${part.id}/status`, {
        body: { status },
        headers: ifMatch(part.version),
      });
      setStatus('');
      onChange(updated);
      setFeedback({
        kind: 'success',
        text: t.cases.parts.statusChanged(part.title, t.cases.statuses[status] ?? status),
      });
    } catch (error) {
      // The server names the moves that are possible; it writes Swedish.
      const detail =
        error instanceof ApiError && error.code === 'illegal_transition' && language === 'sv' ? ` ${error.detail}` : '';
      setFeedback({ kind: 'error', text: `${caseError(t, error)}${detail}` });
      await onFailed(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <article className="part" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="part__title">
        {part.title}
      </h3>
      <p className="part__meta">
        {part.organisation.name} · <StatusTag status={part.status} /> · {t.cases.facts.due}:{' '}
        <DueDate dueOn={part.dueOn} overdue={part.overdue} />
      </p>
      {mayChange && !part.status.final && (
        <form className="inline-form" onSubmit={(e) => void submit(e)}>
          <Feedback value={feedback} />
          <label htmlFor={`${id}-status`}>{t.cases.parts.newStatus(part.title)}</label>
          <select id={`${id}-status`} className="select" value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">{t.cases.staff.chooseStatusOption}</option>
            {STATUS_CODES.filter((code) => code !== part.status.code && code !== 'aterkallat').map((code) => (
              <option key={code} value={code}>
                {t.cases.statuses[code] ?? code}
              </option>
            ))}
          </select>
          <button type="submit" className="button button--secondary" aria-disabled={busy || undefined}>
            {t.cases.parts.change}
            <span className="visually-hidden"> {part.title}</span>
          </button>
        </form>
      )}
    </article>
  );
}

/** The coordinator splits the case into parallel parts by choosing offerings (other units or organisations). */
function SplitForm({
  data,
  offerings,
  onChange,
}: {
  data: CaseResponse;
  offerings: OfferingResponse[];
  onChange: (updated: CaseResponse) => void;
}) {
  const { t, language } = useI18n();
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [feedback, setFeedback] = useState<FeedbackState>(null);
  const [busy, setBusy] = useState(false);
  const taken = new Set([data.offering.id, ...data.parts.map((p) => p.offeringId)]);
  const choices = offerings
    .filter((o) => !taken.has(o.id))
    .map((o) => ({ id: o.id, provider: o.provider.name, title: pickLocalised(o.title, language) }))
    .sort((a, b) => a.provider.localeCompare(b.provider, 'sv') || a.title.text.localeCompare(b.title.text, 'sv'));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (chosen.size === 0) {
      setFeedback({ kind: 'error', text: t.cases.parts.chooseFirst });
      return;
    }
    setBusy(true);
    setFeedback(null);
    try {
      const updated = await sendCase<CaseResponse>('POST', `/api/cases/${data.id}/parts`, {
        body: { parts: [...chosen].map((offeringId) => ({ offeringId })) },
      });
      setFeedback({ kind: 'success', text: t.cases.parts.created(chosen.size) });
      setChosen(new Set());
      onChange(updated);
    } catch (error) {
      setFeedback({ kind: 'error', text: caseError(t, error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="split-form">
      <h3>{t.cases.parts.splitHeading}</h3>
      <Feedback value={feedback} />
      <fieldset className="fieldset fieldset--wide">
        <legend>{t.cases.parts.splitLegend}</legend>
        <div className="checkbox-grid">
          {choices.map((o) => (
            <div className="choice" key={o.id}>
              <input
                type="checkbox"
                id={`split-${o.id}`}
                checked={chosen.has(o.id)}
                onChange={(e) =>
                  setChosen((current) => {
                    const next = new Set(current);
                    if (e.target.checked) next.add(o.id);
                    else next.delete(o.id);
                    return next;
                  })
                }
              />
              <label htmlFor={`split-${o.id}`}>
                <span lang={o.title.lang === language ? undefined : o.title.lang}>{o.title.text}</span>
                <span className="muted"> – {o.provider}</span>
              </label>
            </div>
          ))}
        </div>
      </fieldset>
      <button type="submit" className="button" aria-disabled={busy || undefined}>
        {t.cases.parts.split(chosen.size)}
      </button>
    </form>
  );
}

/**
 * Referral to another organisation: the whole case needs the company's recorded consent to that
 * organisation; without it only an anonymous inquiry, written without company or personal data.
 */
function ReferralSection({
  data,
  offerings,
  onChange,
}: {
  data: CaseResponse;
  offerings: OfferingResponse[];
  onChange: (updated: CaseResponse) => void;
}) {
  const { t, language } = useI18n();
  const [offeringId, setOfferingId] = useState('');
  const [mode, setMode] = useState<'full' | 'anonymous'>('full');
  const [inquiry, setInquiry] = useState('');
  const [feedback, setFeedback] = useState<FeedbackState>(null);
  const [busy, setBusy] = useState(false);
  const choices = offerings
    .filter((o) => o.provider.id !== data.organisation.id)
    .map((o) => ({ id: o.id, provider: o.provider.name, title: pickLocalised(o.title, language).text }))
    .sort((a, b) => a.provider.localeCompare(b.provider, 'sv') || a.title.localeCompare(b.title, 'sv'));
  const activeConsents = data.consents.filter((c) => !c.revokedAt);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!offeringId) {
      setFeedback({ kind: 'error', text: t.cases.referral.chooseOffering });
      document.getElementById('referral-offering')?.focus();
      return;
    }
    if (mode === 'anonymous' && inquiry.trim().length < 3) {
      setFeedback({ kind: 'error', text: t.cases.referral.inquiryRequired });
      document.getElementById('referral-inquiry')?.focus();
      return;
    }
    setBusy(true);
    setFeedback(null);
    try {
      const updated = await sendCase<CaseResponse>('POST', `/api/cases/${data.id}/referrals`, {
        body: { toOfferingId: offeringId, mode, ...(mode === 'anonymous' ? { inquiry: inquiry.trim() } : {}) },
      });
      const to = offerings.find((o) => o.id === offeringId)?.provider.name ?? offeringId;
      setFeedback({
        kind: 'success',
        text: mode === 'full' ? t.cases.referral.referred(to) : t.cases.referral.inquirySent(to),
      });
      setOfferingId('');
      setInquiry('');
      onChange(updated);
    } catch (error) {
      setFeedback({ kind: 'error', text: caseError(t, error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="referral-heading">
      <h2 id="referral-heading">{t.cases.referral.heading}</h2>
      <p>{t.cases.referral.lead}</p>
      <h3>{t.cases.referral.consentsHeading}</h3>
      {data.consents.length === 0 ? (
        <p>{t.cases.referral.noConsents}</p>
      ) : (
        <ul className="consent-list">
          {data.consents.map((c) => (
            <li key={c.id}>
              {t.cases.referral.consentLine(c.organisation.name, c.purpose, formatMoment(c.givenAt, language))}
              {c.revokedAt && <strong> {t.cases.consent.revokedAt(formatMoment(c.revokedAt, language))}</strong>}
            </li>
          ))}
        </ul>
      )}
      {data.referrals.length > 0 && (
        <>
          <h3>{t.cases.referral.doneHeading}</h3>
          <ul>
            {data.referrals.map((r) => (
              <li key={r.id}>
                {r.mode === 'full'
                  ? t.cases.referral.fullTo(r.toOrganisation.name)
                  : t.cases.referral.anonymousTo(r.toOrganisation.name)}{' '}
                <time dateTime={r.createdAt}>{formatMoment(r.createdAt, language)}</time>
              </li>
            ))}
          </ul>
        </>
      )}
      <form onSubmit={(e) => void submit(e)} noValidate className="referral-form">
        <h3>{t.cases.referral.formHeading}</h3>
        <Feedback value={feedback} />
        <div className="field">
          <label htmlFor="referral-offering">{t.cases.referral.offeringLabel}</label>
          <select
            id="referral-offering"
            className="select select--wide"
            value={offeringId}
            onChange={(e) => setOfferingId(e.target.value)}
          >
            <option value="">{t.cases.referral.chooseOfferingOption}</option>
            {choices.map((o) => (
              <option key={o.id} value={o.id}>
                {o.provider} – {o.title}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="fieldset">
          <legend>{t.cases.referral.modeLegend}</legend>
          <div className="choice">
            <input
              type="radio"
              id="referral-full"
              name="referral-mode"
              checked={mode === 'full'}
              onChange={() => setMode('full')}
            />
            <label htmlFor="referral-full">{t.cases.referral.full}</label>
          </div>
          <p className="field__hint">
            {activeConsents.length > 0
              ? t.cases.referral.fullHintConsents(activeConsents.map((c) => c.organisation.name).join(', '))
              : t.cases.referral.fullHintNone}
          </p>
          <div className="choice">
            <input
              type="radio"
              id="referral-anonymous"
              name="referral-mode"
              checked={mode === 'anonymous'}
              onChange={() => setMode('anonymous')}
            />
            <label htmlFor="referral-anonymous">{t.cases.referral.anonymous}</label>
          </div>
        </fieldset>
        {mode === 'anonymous' && (
          <div className="field">
            <label htmlFor="referral-inquiry">{t.cases.referral.inquiryLabel}</label>
            <p className="field__hint" id="referral-inquiry-hint">
              {t.cases.referral.inquiryHint}
            </p>
            <textarea
              id="referral-inquiry"
              className="textarea"
              rows={3}
              maxLength={4000}
              value={inquiry}
              onChange={(e) => setInquiry(e.target.value)}
              aria-describedby="referral-inquiry-hint"
            />
          </div>
        )}
        <button type="submit" className="button" aria-disabled={busy || undefined}>
          {mode === 'full' ? t.cases.referral.submitFull : t.cases.referral.submitAnonymous}
        </button>
      </form>
    </section>
  );
}
