import { type FormEvent, useId, useState } from 'react';
import { EVENT_KINDS, type EventResponse, type RegistrationForStaff } from '../../../contracts/events.js';
import { errorMessage, LoadError, Loading } from '../../components/Status.js';
import { useI18n } from '../../i18n/i18n.js';
import { ApiError, type ListResponse } from '../../lib/api.js';
import { Link } from '../../lib/router.js';
import { paths } from '../../lib/routes.js';
import { useApi } from '../../lib/use-api.js';
import { useDocumentTitle } from '../../lib/use-document-title.js';
import { send } from '../access/access-api.js';
import { SignInPanel } from '../access/SignInPanel.js';
import { useMe } from '../access/use-me.js';
import { formatEventTime } from './event-time.js';
import './events.css';

/** For staff: their organisations' events, publishing a draft, registrations and attendance, and a new event. */
export function OrganiseEventsPage() {
  const { t } = useI18n();
  const o = t.events.organise;
  useDocumentTitle(o.title);
  const me = useMe();
  const staff = me.state === 'ok' && me.me.user.kind === 'staff';
  const events = useApi<ListResponse<EventResponse>>(staff ? '/api/events/organised?limit=100' : null);
  const organisations =
    me.state === 'ok'
      ? [...new Set(me.me.memberships.filter((m) => m.role !== 'analyst').map((m) => m.organisationId))]
      : [];

  return (
    <>
      <h1>{o.title}</h1>
      {me.state === 'loading' && <Loading />}
      {me.state === 'signed-out' && <SignInPanel returnTo={paths.organiseEvents} />}
      {me.state === 'ok' && !staff && <p className="notice">{o.notStaff}</p>}
      {staff && (
        <>
          <h2>{o.mine}</h2>
          {events.state === 'loading' && <Loading />}
          {events.state === 'error' && <LoadError error={events.error} onRetry={events.reload} level={null} />}
          {events.state === 'ok' &&
            (events.data.items.length === 0 ? (
              <p>{o.none}</p>
            ) : (
              <ul className="card-list">
                {events.data.items.map((e) => (
                  <li key={e.id}>
                    <OrganisedEvent event={e} onChanged={events.reload} />
                  </li>
                ))}
              </ul>
            ))}
          {organisations.length > 0 && <NewEventForm organisations={organisations} onCreated={events.reload} />}
        </>
      )}
    </>
  );
}

function OrganisedEvent({ event, onChanged }: { event: EventResponse; onChanged: () => void }) {
  const { t, language } = useI18n();
  const o = t.events.organise;
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);

  async function publish() {
    try {
      await send('POST', `/api/events/${event.id}/publish`);
      onChanged();
    } catch (err) {
      setError(errorMessage(t.errors, err instanceof ApiError ? err.code : 'unknown'));
    }
  }

  return (
    <article className="card event-card">
      <h3 className="card__title">
        {event.status === 'draft' ? event.title : <Link to={paths.event(event.id)}>{event.title}</Link>}
      </h3>
      <p className="event-card__meta">
        <span className="tag">{o.statuses[event.status]}</span>
        <span>{formatEventTime(event.startsAt, event.endsAt, language)}</span>
      </p>
      {error && (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        {event.status === 'draft' && (
          <button type="button" className="button" onClick={publish}>
            {o.publish(event.title)}
          </button>
        )}
        {event.status !== 'draft' && (
          <button
            type="button"
            className="button button--secondary"
            aria-expanded={open}
            onClick={() => setOpen(!open)}
          >
            {o.registrations(event.title)}
          </button>
        )}
      </div>
      {open && <Registrations event={event} />}
    </article>
  );
}

function Registrations({ event }: { event: EventResponse }) {
  const { t } = useI18n();
  const o = t.events.organise;
  const loaded = useApi<ListResponse<RegistrationForStaff>>(`/api/events/${event.id}/registrations`);
  const [items, setItems] = useState<RegistrationForStaff[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const rows = items ?? (loaded.state === 'ok' ? loaded.data.items : null);

  async function mark(r: RegistrationForStaff, attended: boolean) {
    // Show the tick at once (a controlled checkbox would otherwise spring back until the answer).
    const before = rows ?? [];
    setItems(before.map((x) => (x.id === r.id ? { ...x, attended } : x)));
    try {
      const answer = await send<ListResponse<RegistrationForStaff>>(
        'POST',
        `/api/events/${event.id}/registrations/${r.id}/attendance`,
        { attended },
      );
      setItems(answer.items);
    } catch (err) {
      setItems(before);
      setError(errorMessage(t.errors, err instanceof ApiError ? err.code : 'unknown'));
    }
  }

  if (loaded.state === 'loading') return <Loading />;
  if (loaded.state === 'error') return <LoadError error={loaded.error} onRetry={loaded.reload} level={null} />;
  if (!rows || rows.length === 0) return <p>{o.noRegistrations}</p>;
  return (
    <>
      {error && (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      )}
      <ul className="registration-list">
        {rows.map((r) => {
          const who = r.name ?? r.email ?? r.id;
          return (
            <li key={r.id}>
              <div className="choice">
                <input
                  id={`attended-${r.id}`}
                  type="checkbox"
                  checked={r.attended}
                  onChange={(e) => mark(r, e.target.checked)}
                />
                <label htmlFor={`attended-${r.id}`}>
                  {o.attendedLabel(who)}
                  {r.companyName ? `, ${r.companyName}` : ''}
                  {r.waitlistPosition !== null ? ` (${o.waitlist(r.waitlistPosition)})` : ''}
                </label>
              </div>
            </li>
          );
        })}
      </ul>
    </>
  );
}

function NewEventForm({ organisations, onCreated }: { organisations: string[]; onCreated: () => void }) {
  const { t } = useI18n();
  const o = t.events.organise;
  const ids = {
    org: useId(),
    kind: useId(),
    title: useId(),
    description: useId(),
    starts: useId(),
    ends: useId(),
    location: useId(),
    capacity: useId(),
  };
  const empty = {
    organisationId: organisations[0] ?? '',
    kind: 'breakfast-meeting',
    title: '',
    description: '',
    startsAt: '',
    endsAt: '',
    location: '',
    capacity: '',
  };
  const [form, setForm] = useState(empty);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!form.title.trim() || !form.description.trim() || !form.location.trim() || !form.startsAt || !form.endsAt)
      return setMessage({ ok: false, text: o.required });
    const capacity = form.capacity.trim() === '' ? null : Number(form.capacity);
    try {
      await send('POST', '/api/events', {
        organisationId: form.organisationId,
        kind: form.kind,
        title: form.title.trim(),
        description: form.description.trim(),
        // datetime-local is the browser's own clock, which for Lotsen's staff is Swedish time.
        startsAt: new Date(form.startsAt).toISOString(),
        endsAt: new Date(form.endsAt).toISOString(),
        location: form.location.trim(),
        capacity: capacity !== null && Number.isInteger(capacity) && capacity > 0 ? capacity : null,
      });
      setForm(empty);
      setMessage({ ok: true, text: o.created });
      onCreated();
    } catch (err) {
      setMessage({ ok: false, text: errorMessage(t.errors, err instanceof ApiError ? err.code : 'unknown') });
    }
  }

  const input = (
    key: 'title' | 'location' | 'capacity' | 'startsAt' | 'endsAt',
    id: string,
    label: string,
    type = 'text',
  ) => (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className="input"
        type={type}
        inputMode={key === 'capacity' ? 'numeric' : undefined}
        value={form[key]}
        onChange={(e) => setForm({ ...form, [key]: e.target.value })}
      />
    </div>
  );

  return (
    <form className="event-form" onSubmit={submit} noValidate aria-labelledby="new-event">
      <h2 id="new-event">{o.newHeading}</h2>
      <div role="status">{message?.ok && <p className="notice notice--success">{message.text}</p>}</div>
      <div role="alert">{message && !message.ok && <p className="notice notice--error">{message.text}</p>}</div>
      <div className="field">
        <label htmlFor={ids.org}>{o.organisation}</label>
        <select
          id={ids.org}
          className="select"
          value={form.organisationId}
          onChange={(e) => setForm({ ...form, organisationId: e.target.value })}
        >
          {organisations.map((id) => (
            <option key={id} value={id}>
              {id}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.kind}>{o.kind}</label>
        <select
          id={ids.kind}
          className="select"
          value={form.kind}
          onChange={(e) => setForm({ ...form, kind: e.target.value })}
        >
          {EVENT_KINDS.map((k) => (
            <option key={k} value={k}>
              {t.events.kinds[k]}
            </option>
          ))}
        </select>
      </div>
      {input('title', ids.title, o.titleLabel)}
      <div className="field">
        <label htmlFor={ids.description}>{o.description}</label>
        <textarea
          id={ids.description}
          className="textarea"
          value={form.description}
          onChange={(e) => setForm({ ...form, description: e.target.value })}
        />
      </div>
      {input('startsAt', ids.starts, o.startsAt, 'datetime-local')}
      {input('endsAt', ids.ends, o.endsAt, 'datetime-local')}
      {input('location', ids.location, o.location)}
      {input('capacity', ids.capacity, o.capacity)}
      <button type="submit" className="button">
        {o.create}
      </button>
    </form>
  );
}
