import { type FormEvent, useId, useState } from 'react';
import type { EventResponse, RegistrationResult } from '../../../contracts/events.js';
import { errorMessage, LoadError, Loading } from '../../components/Status.js';
import { useI18n } from '../../i18n/i18n.js';
import { labelOf } from '../../i18n/language.js';
import { ApiError } from '../../lib/api.js';
import { Link } from '../../lib/router.js';
import { paths } from '../../lib/routes.js';
import { useApi } from '../../lib/use-api.js';
import { useDocumentTitle } from '../../lib/use-document-title.js';
import { send } from '../access/access-api.js';
import { seatsText } from './EventsPage.js';
import { formatEventTime } from './event-time.js';
import './events.css';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** One event: what, when, where, seats, calendar file, and registration (name and e-mail only). */
export function EventPage({ id }: { id: string }) {
  const { t, language } = useI18n();
  const ev = t.events;
  const event = useApi<EventResponse>(`/api/events/${encodeURIComponent(id)}`);
  useDocumentTitle(event.state === 'ok' ? event.data.title : event.state === 'error' ? t.errors.heading : null);

  if (event.state === 'loading') return <Loading />;
  if (event.state === 'error') return <LoadError error={event.error} onRetry={event.reload} level={1} />;
  const e = event.data;

  return (
    <>
      <p className="breadcrumb">
        <Link to={paths.events}>{ev.backToList}</Link>
      </p>
      <h1>{e.title}</h1>
      <p className="event-card__meta">
        <span className="tag tag--kind">{labelOf(ev.kinds, e.kind)}</span>
        {e.status === 'cancelled' && <span className="tag event-card__cancelled">{ev.cancelled}</span>}
      </p>
      <dl className="facts">
        <dt>{ev.when}</dt>
        <dd>{formatEventTime(e.startsAt, e.endsAt, language)}</dd>
        <dt>{ev.where}</dt>
        <dd>{e.location}</dd>
        <dt>{ev.organiser}</dt>
        <dd>
          <Link to={paths.organisation(e.organisation.id)}>{e.organisation.name}</Link>
        </dd>
        <dt>{ev.seats}</dt>
        <dd>{seatsText(e, ev)}</dd>
      </dl>
      {/* Organisers write in Swedish. */}
      <p className="prose event-description" lang="sv">
        {e.description}
      </p>
      <p>
        <a href={e.calendarUrl}>{ev.addToCalendar}</a>
      </p>

      <h2>{ev.registerHeading}</h2>
      {e.open ? <RegistrationForm event={e} /> : <p>{ev.closed}</p>}
    </>
  );
}

function RegistrationForm({ event }: { event: EventResponse }) {
  const { t } = useI18n();
  const ev = t.events;
  const ids = { name: useId(), email: useId(), company: useId(), nameError: useId(), emailError: useId() };
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [company, setCompany] = useState('');
  const [errors, setErrors] = useState<{ name?: string; email?: string }>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [result, setResult] = useState<RegistrationResult | null>(null);
  const full = event.seats.left === 0;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (submitting) return;
    const found: typeof errors = {};
    if (name.trim() === '') found.name = ev.nameRequired;
    if (!EMAIL.test(email.trim())) found.email = ev.emailRequired;
    setErrors(found);
    if (found.name || found.email) {
      setFormError(ev.formError);
      document.getElementById(found.name ? ids.name : ids.email)?.focus();
      return;
    }
    setFormError(null);
    setSubmitting(true);
    try {
      const registered = await send<RegistrationResult>('POST', `/api/events/${event.id}/registrations`, {
        name: name.trim(),
        email: email.trim(),
        ...(company.trim() ? { companyName: company.trim() } : {}),
      });
      // Not reloading the event here: that would unmount the form and lose this answer.
      setResult(registered);
    } catch (error) {
      const code = error instanceof ApiError ? error.code : 'unknown';
      setFormError(
        code === 'already_registered'
          ? ev.already_registered
          : code === 'event_not_open'
            ? ev.event_not_open
            : errorMessage(t.errors, code),
      );
    } finally {
      setSubmitting(false);
    }
  }

  if (result) {
    const cancelPath = paths.cancelRegistration(result.cancelUrl.split('/').pop() ?? '');
    return (
      <div className="notice notice--success" role="status">
        <p>{result.status === 'confirmed' ? ev.confirmed : ev.waitlisted(result.waitlistPosition ?? 1)}</p>
        <p>
          <Link to={cancelPath}>{ev.cancelLink}</Link>
        </p>
      </div>
    );
  }

  return (
    <form className="event-form" onSubmit={submit} noValidate>
      <p>{ev.registerLead}</p>
      <div className="form-error" role="alert">
        {formError && <p className="notice notice--error">{formError}</p>}
      </div>
      <div className={errors.name ? 'field field--error' : 'field'}>
        <label htmlFor={ids.name}>{ev.name}</label>
        {errors.name && (
          <p className="field__error" id={ids.nameError}>
            {errors.name}
          </p>
        )}
        <input
          id={ids.name}
          className="input"
          autoComplete="name"
          value={name}
          maxLength={200}
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={errors.name ? ids.nameError : undefined}
          onChange={(e) => setName(e.target.value)}
        />
      </div>
      <div className={errors.email ? 'field field--error' : 'field'}>
        <label htmlFor={ids.email}>{ev.email}</label>
        {errors.email && (
          <p className="field__error" id={ids.emailError}>
            {errors.email}
          </p>
        )}
        <input
          id={ids.email}
          className="input"
          type="email"
          autoComplete="email"
          value={email}
          maxLength={254}
          aria-invalid={errors.email ? true : undefined}
          aria-describedby={errors.email ? ids.emailError : undefined}
          onChange={(e) => setEmail(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={ids.company}>{ev.company}</label>
        <input
          id={ids.company}
          className="input"
          autoComplete="organization"
          value={company}
          maxLength={200}
          onChange={(e) => setCompany(e.target.value)}
        />
      </div>
      <button type="submit" className="button" aria-disabled={submitting || undefined}>
        {submitting ? ev.submitting : full ? ev.submitWaitlist : ev.submit}
      </button>
    </form>
  );
}
