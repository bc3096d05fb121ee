import { type FormEvent, useState } from 'react';
import type { OfferingResponse } from '../../../contracts/catalogue.js';
import { MunicipalityInput } from '../../components/MunicipalityInput.js';
import { Pagination } from '../../components/Pagination.js';
import { LoadError, Loading } from '../../components/Status.js';
import { useI18n } from '../../i18n/i18n.js';
import { pickLocalised } from '../../i18n/language.js';
import type { ListResponse } from '../../lib/api.js';
import { municipalityName, type Regions, resolveMunicipality } from '../../lib/geography.js';
import { useRegions } from '../../lib/regions.js';
import { Link, navigate } from '../../lib/router.js';
import { paths } from '../../lib/routes.js';
import { useApi } from '../../lib/use-api.js';
import { useDocumentTitle } from '../../lib/use-document-title.js';
import type { MeResponse } from '../access/access-api.js';
import { SignInPanel } from '../access/SignInPanel.js';
import { useMe } from '../access/use-me.js';
import {
  assigneeLabel,
  formatDay,
  INBOX_PAGE_SIZE,
  INBOX_SORTS,
  type InboxFilters,
  inboxApiPath,
  inboxSearch,
  isCoordinator,
  parseInboxFilters,
  STATUS_CODES,
  worksCases,
} from './case-format.js';
import { ColleagueOptions, caseError, DueDate, Feedback, type FeedbackState, StatusTag } from './case-ui.js';
import {
  type AnonymousInquiry,
  type Assignee,
  type AssigneeListResponse,
  type CaseListResponse,
  type CaseSummaryResponse,
  sendCase,
} from './cases-api.js';

/** The staff inbox: my unit's or organisation's cases (coordinators: all), filtered, sorted, paged. */
export function InboxPage({ search }: { search: string }) {
  const { t } = useI18n();
  useDocumentTitle(t.cases.inbox.title);
  const me = useMe();
  const staff = me.state === 'ok' && worksCases(me.me) ? me.me : null;

  if (me.state === 'loading') {
    return (
      <>
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
          <SignInPanel returnTo={`${paths.inbox}${search}`} />
        )}
      </>
    );
  }
  return <Inbox me={staff} search={search} />;
}

function Inbox({ me, search }: { me: MeResponse; search: string }) {
  const { t, language } = useI18n();
  const filters = parseInboxFilters(search);
  const regions = useRegions();
  const list = useApi<CaseListResponse>(inboxApiPath(filters));
  const offerings = useApi<ListResponse<OfferingResponse>>('/api/offerings?limit=100');
  const inquiries = useApi<AnonymousInquiry[]>('/api/referrals/anonymous?limit=20');
  const assignees = useApi<AssigneeListResponse>('/api/cases/assignees');
  const colleagues: Assignee[] = assignees.state === 'ok' ? assignees.data.items : [];
  const others = colleagues.filter((c) => c.id !== me.user.id);
  const nameOf = (id: string) => colleagues.find((c) => c.id === id)?.name ?? t.cases.unnamedColleague;
  const [bulkAssignee, setBulkAssignee] = useState('');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [feedback, setFeedback] = useState<FeedbackState>(null);
  const [busy, setBusy] = useState(false);
  const coordinator = isCoordinator(me);
  const myOrganisations = new Set(me.memberships.map((m) => m.organisationId));
  const offeringChoices =
    offerings.state === 'ok'
      ? offerings.data.items
          .filter((o) => coordinator || myOrganisations.has(o.provider.id))
          .map((o) => ({ id: o.id, label: pickLocalised(o.title, language).text, provider: o.provider.name }))
          .sort((a, b) => a.label.localeCompare(b.label, 'sv'))
      : [];

  const toggle = (id: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  /** Assigns the selected cases to me, a colleague or nobody (`null`). */
  const assignSelected = async (assigneeId: string | null) => {
    if (busy) return;
    if (selected.size === 0) {
      setFeedback({ kind: 'error', text: t.cases.inbox.selectFirst });
      return;
    }
    setBusy(true);
    setFeedback(null);
    try {
      const { assigned } = await sendCase<{ assigned: number }>('POST', '/api/cases/assign', {
        body: { caseIds: [...selected], assigneeId },
      });
      setSelected(new Set());
      setBulkAssignee('');
      setFeedback({
        kind: 'success',
        text:
          assigneeId === null
            ? t.cases.inbox.unassignedN(assigned)
            : assigneeId === me.user.id
              ? t.cases.inbox.assigned(assigned)
              : t.cases.inbox.assignedTo(assigned, nameOf(assigneeId)),
      });
      list.reload();
    } catch (error) {
      setFeedback({ kind: 'error', text: caseError(t, error) });
    } finally {
      setBusy(false);
    }
  };

  const items = list.state === 'ok' ? list.data.items : [];
  const allSelected = items.length > 0 && items.every((c) => selected.has(c.id));
  return (
    <>
      <h1>{t.cases.inbox.title}</h1>
      <p className="lead">{coordinator ? t.cases.inbox.leadCoordinator : t.cases.inbox.lead}</p>
      <InboxFilterForm
        key={`${search}|${regions ? 'r' : ''}`}
        filters={filters}
        regions={regions}
        offerings={offeringChoices}
        colleagues={others}
      />

      <section aria-labelledby="inbox-results" className="results">
        <h2 id="inbox-results" className="results__count" aria-live="polite" aria-atomic="true">
          {list.state === 'ok'
            ? t.cases.inbox.count(list.data.total, list.data.totalIsLowerBound)
            : list.state === 'loading'
              ? t.app.loading
              : t.errors.heading}
        </h2>
        {list.state === 'error' && <LoadError error={list.error} onRetry={list.reload} level={null} />}
        {list.state === 'ok' && items.length === 0 && <p>{t.cases.inbox.none}</p>}
        <Feedback value={feedback} />
        {items.length > 0 && (
          <>
            <div className="actions bulk-assign">
              <button
                type="button"
                className="button"
                onClick={() => void assignSelected(me.user.id)}
                aria-disabled={busy || undefined}
              >
                {t.cases.inbox.assignToMe(selected.size)}
              </button>
              <div className="bulk-assign__other">
                <label htmlFor="bulk-assignee">{t.cases.inbox.assignTo}</label>
                <select
                  id="bulk-assignee"
                  className="select"
                  value={bulkAssignee}
                  onChange={(e) => setBulkAssignee(e.target.value)}
                >
                  <option value="">{t.cases.inbox.chooseAssignee}</option>
                  <ColleagueOptions colleagues={others} />
                  <option value="none">{t.cases.unassignOption}</option>
                </select>
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() => {
                    if (bulkAssignee === '') setFeedback({ kind: 'error', text: t.cases.inbox.chooseAssigneeFirst });
                    else void assignSelected(bulkAssignee === 'none' ? null : bulkAssignee);
                  }}
                  aria-disabled={busy || undefined}
                >
                  {t.cases.inbox.assignSelected(selected.size)}
                </button>
              </div>
            </div>
            <table className="table case-table">
              <caption className="visually-hidden">{t.cases.inbox.caption}</caption>
              <thead>
                <tr>
                  <th scope="col">
                    <input
                      type="checkbox"
                      id="select-all"
                      checked={allSelected}
                      onChange={(e) => setSelected(e.target.checked ? new Set(items.map((c) => c.id)) : new Set())}
                      aria-label={t.cases.inbox.selectAll}
                    />
                  </th>
                  <th scope="col">{t.cases.facts.diarienummer}</th>
                  <th scope="col">{t.cases.inbox.columnCase}</th>
                  <th scope="col">{t.cases.facts.municipality}</th>
                  <th scope="col">{t.cases.facts.status}</th>
                  <th scope="col">{t.cases.facts.received}</th>
                  <th scope="col">{t.cases.facts.due}</th>
                  <th scope="col">{t.cases.facts.assignee}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((c) => (
                  <tr key={c.id} className={c.overdue ? 'case-table__row--overdue' : undefined}>
                    <td>
                      <input
                        type="checkbox"
                        checked={selected.has(c.id)}
                        onChange={(e) => toggle(c.id, e.target.checked)}
                        aria-label={t.cases.inbox.select(c.diarienummer)}
                      />
                    </td>
                    <th scope="row">
                      <Link to={paths.staffCase(c.id)}>{c.diarienummer}</Link>
                    </th>
                    <td>
                      {c.subject}
                      <span className="case-table__sub">
                        {c.companyName ?? t.cases.noCompanyName}
                        {coordinator && ` · ${c.organisation.name}`}
                      </span>
                    </td>
                    <td>
                      {c.municipality
                        ? (municipalityName(c.municipality, regions?.municipalities ?? []) ?? c.municipality)
                        : '–'}
                    </td>
                    <td>
                      <StatusTag status={c.status} />
                    </td>
                    <td>
                      <time dateTime={c.receivedOn}>{formatDay(c.receivedOn, language)}</time>
                    </td>
                    <td>
                      <DueDate dueOn={c.dueOn} overdue={c.overdue} />
                    </td>
                    <td>{assigneeLabel(c.assigneeId, me.user.id, colleagues, t.cases)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
        {list.state === 'ok' && (
          <Pagination
            page={filters.page}
            pages={Math.max(1, Math.ceil(list.data.total / INBOX_PAGE_SIZE))}
            href={(page) => `${paths.inbox}${inboxSearch({ ...filters, page })}`}
          />
        )}
      </section>

      <section aria-labelledby="inquiries-heading">
        <h2 id="inquiries-heading">{t.cases.inquiries.heading}</h2>
        <p>{t.cases.inquiries.lead}</p>
        {inquiries.state === 'loading' && <Loading />}
        {inquiries.state === 'error' && <LoadError error={inquiries.error} onRetry={inquiries.reload} level={null} />}
        {inquiries.state === 'ok' &&
          (inquiries.data.length === 0 ? (
            <p>{t.cases.inquiries.none}</p>
          ) : (
            <ul className="inquiry-list">
              {inquiries.data.map((q) => (
                <li key={q.id}>
                  <p className="timeline__meta">
                    <strong>{t.cases.inquiries.from(q.from.name, q.to.name)}</strong>{' '}
                    <time dateTime={q.createdAt}>{formatDay(q.createdAt.slice(0, 10), language)}</time>
                  </p>
                  <p>{q.inquiry}</p>
                </li>
              ))}
            </ul>
          ))}
      </section>
    </>
  );
}

function InboxFilterForm({
  filters,
  regions,
  offerings,
  colleagues,
}: {
  filters: InboxFilters;
  regions: Regions | null;
  offerings: { id: string; label: string; provider: string }[];
  /** Besides me: the people whose cases the filter can show. */
  colleagues: Assignee[];
}) {
  const { t } = useI18n();
  const municipalities = regions?.municipalities ?? [];
  const [state, setState] = useState<string>(filters.state ?? '');
  const [status, setStatus] = useState(filters.status ?? '');
  const [overdue, setOverdue] = useState(filters.overdue ?? false);
  const [assignee, setAssignee] = useState<string>(filters.assignee ?? '');
  const [offering, setOffering] = useState(filters.offering ?? '');
  const [sort, setSort] = useState<string>(filters.sort);
  const [place, setPlace] = useState(
    filters.municipality ? (municipalityName(filters.municipality, municipalities) ?? filters.municipality) : '',
  );
  const [placeError, setPlaceError] = useState<string | undefined>();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const municipality = resolveMunicipality(place, municipalities);
    if (municipality === null) {
      setPlaceError(t.intake.municipalityUnknown);
      document.getElementById('inbox-municipality')?.focus();
      return;
    }
    setPlaceError(undefined);
    const next: InboxFilters = {
      page: 1,
      sort: INBOX_SORTS.find((s) => s === sort) ?? 'due',
      state: state === 'closed' || state === 'all' ? state : undefined,
      status: status || undefined,
      overdue: overdue || undefined,
      assignee: assignee || undefined,
      offering: offering || undefined,
      municipality,
    };
    navigate(`${paths.inbox}${inboxSearch(next)}`);
  };

  return (
    <form className="filters" role="search" aria-label={t.cases.inbox.filters} onSubmit={submit} noValidate>
      <div className="filters__grid">
        <div className="field">
          <label htmlFor="inbox-state">{t.cases.inbox.state}</label>
          <select
            id="inbox-state"
            className="select"
            value={state}
            onChange={(e) => setState(e.target.value)}
            aria-describedby="inbox-state-hint"
          >
            <option value="">{t.cases.inbox.states.open}</option>
            <option value="closed">{t.cases.inbox.states.closed}</option>
            <option value="all">{t.cases.inbox.states.all}</option>
          </select>
          <p className="field__hint" id="inbox-state-hint">
            {t.cases.inbox.stateHint}
          </p>
        </div>
        <div className="field">
          <label htmlFor="inbox-status">{t.cases.facts.status}</label>
          <select id="inbox-status" className="select" value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">{t.cases.inbox.allStatuses}</option>
            {STATUS_CODES.map((code) => (
              <option key={code} value={code}>
                {t.cases.statuses[code] ?? code}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="inbox-assignee">{t.cases.facts.assignee}</label>
          <select id="inbox-assignee" className="select" value={assignee} onChange={(e) => setAssignee(e.target.value)}>
            <option value="">{t.cases.inbox.anyAssignee}</option>
            <option value="me">{t.cases.inbox.assignedToMe}</option>
            <option value="none">{t.cases.inbox.unassigned}</option>
            <ColleagueOptions colleagues={colleagues} />
            {/* A colleague named in the address who is not (or no longer) among mine: still shown. */}
            {filters.assignee &&
              filters.assignee !== 'me' &&
              filters.assignee !== 'none' &&
              !colleagues.some((c) => c.id === filters.assignee) && (
                <option value={filters.assignee}>{t.cases.assignee.other}</option>
              )}
          </select>
        </div>
        <div className="field">
          <label htmlFor="inbox-offering">{t.cases.facts.offering}</label>
          <select id="inbox-offering" className="select" value={offering} onChange={(e) => setOffering(e.target.value)}>
            <option value="">{t.cases.inbox.allOfferings}</option>
            {offerings.map((o) => (
              <option key={o.id} value={o.id}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
        <MunicipalityInput
          id="inbox-municipality"
          label={t.cases.facts.municipality}
          value={place}
          onChange={setPlace}
          municipalities={municipalities}
          error={placeError}
        />
        <div className="field">
          <label htmlFor="inbox-sort">{t.cases.inbox.sort}</label>
          <select id="inbox-sort" className="select" value={sort} onChange={(e) => setSort(e.target.value)}>
            {INBOX_SORTS.map((s) => (
              <option key={s} value={s}>
                {t.cases.inbox.sorts[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="field filters__check">
          <div className="choice">
            <input
              id="inbox-overdue"
              type="checkbox"
              checked={overdue}
              onChange={(e) => setOverdue(e.target.checked)}
            />
            <label htmlFor="inbox-overdue">{t.cases.inbox.overdueOnly}</label>
          </div>
        </div>
      </div>
      <div className="actions">
        <button type="submit" className="button">
          {t.cases.inbox.apply}
        </button>
        <Link to={paths.inbox} className="button button--secondary">
          {t.cases.inbox.clear}
        </Link>
      </div>
    </form>
  );
}
