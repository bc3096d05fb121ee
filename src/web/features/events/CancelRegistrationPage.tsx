import { useState } from 'react';
import type { RegistrationByTokenResponse } from '../../../contracts/events.js';
import { errorMessage, LoadError, Loading } from '../../components/Status.js';
import { useI18n } from '../../i18n/i18n.js';
import { ApiError } from '../../lib/api.js';
import { Link } from '../../lib/router.js';
import { paths } from '../../lib/routes.js';
import { useApi } from '../../lib/use-api.js';
import { useDocumentTitle } from '../../lib/use-document-title.js';
import { send } from '../access/access-api.js';
import { formatEventTime } from './event-time.js';
import './events.css';

/** The page behind the cancel link in the confirmation e-mail: shows the registration, then cancels on request. */
export function CancelRegistrationPage({ token }: { token: string }) {
  const { t, language } = useI18n();
  const ev = t.events;
  useDocumentTitle(ev.cancelTitle);
  const registration = useApi<RegistrationByTokenResponse>(`/api/event-registrations/${encodeURIComponent(token)}`);
  const [done, setDone] = useState<RegistrationByTokenResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function cancel() {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      setDone(
        await send<RegistrationByTokenResponse>(
          'POST',
          `/api/event-registrations/${encodeURIComponent(token)}/cancel`,
          {},
        ),
      );
    } catch (e) {
      setError(errorMessage(t.errors, e instanceof ApiError ? e.code : 'unknown'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <h1>{ev.cancelTitle}</h1>
      {registration.state === 'loading' && <Loading />}
      {registration.state === 'error' &&
        (registration.error.status === 404 ? (
          <p className="notice">{ev.registrationNotFound}</p>
        ) : (
          <LoadError error={registration.error} onRetry={registration.reload} />
        ))}
      {registration.state === 'ok' && (
        <>
          <p>
            <Link to={paths.event(registration.data.event.id)}>{registration.data.event.title}</Link>
            {', '}
            {formatEventTime(registration.data.event.startsAt, registration.data.event.endsAt, language)},{' '}
            {registration.data.event.location}
          </p>
          <div role="status">{done && <p className="notice notice--success">{ev.cancelDone}</p>}</div>
          {error && (
            <p className="notice notice--error" role="alert">
              {error}
            </p>
          )}
          {!done &&
            (registration.data.status === 'cancelled' ? (
              <p>{ev.alreadyCancelled}</p>
            ) : (
              <>
                <p>
                  {registration.data.status === 'waitlisted'
                    ? ev.cancelWaitlistLead(registration.data.event.title, registration.data.waitlistPosition ?? 1)
                    : ev.cancelLead(registration.data.event.title)}
                </p>
                <button type="button" className="button" aria-disabled={busy || undefined} onClick={cancel}>
                  {ev.cancelButton}
                </button>
              </>
            ))}
        </>
      )}
    </>
  );
}
