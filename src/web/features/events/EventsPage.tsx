import type { EventResponse } from '../../../contracts/events.js';
import { LoadError, Loading } from '../../components/Status.js';
import { useI18n } from '../../i18n/i18n.js';
import { labelOf } from '../../i18n/language.js';
import type { ListResponse } from '../../lib/api.js';
import { Link } from '../../lib/router.js';
import { paths } from '../../lib/routes.js';
import { useApi } from '../../lib/use-api.js';
import { useDocumentTitle } from '../../lib/use-document-title.js';
import { useMe } from '../access/use-me.js';
import { formatEventTime } from './event-time.js';
import './events.css';

/** Upcoming events, soonest first, with a calendar feed to subscribe to. */
export function EventsPage() {
  const { t, language } = useI18n();
  const ev = t.events;
  useDocumentTitle(ev.title);
  const events = useApi<ListResponse<EventResponse>>('/api/events?limit=100');
  const me = useMe();
  const staff = me.state === 'ok' && me.me.user.kind === 'staff';

  return (
    <>
      <h1>{ev.title}</h1>
      <p className="lead">{ev.lead}</p>
      <p>
        <a href="/api/events/calendar.ics">{ev.subscribe}</a>
      </p>
      {staff && (
        <p>
          <Link to={paths.organiseEvents}>{ev.organise.link}</Link>
        </p>
      )}
      {events.state === 'loading' && <Loading />}
      {events.state === 'error' && <LoadError error={events.error} onRetry={events.reload} />}
      {events.state === 'ok' &&
        (events.data.items.length === 0 ? (
          <p>{ev.none}</p>
        ) : (
          <ul className="card-list">
            {events.data.items.map((e) => (
              <li key={e.id}>
                <article className="card event-card">
                  <h2 className="card__title">
                    <Link to={paths.event(e.id)}>{e.title}</Link>
                  </h2>
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
                    <dd>{e.organisation.name}</dd>
                    <dt>{ev.seats}</dt>
                    <dd>{seatsText(e, ev)}</dd>
                  </dl>
                </article>
              </li>
            ))}
          </ul>
        ))}
    </>
  );
}

type Texts = ReturnType<typeof useI18n>['t']['events'];

export function seatsText(e: EventResponse, ev: Texts): string {
  if (e.status === 'cancelled') return ev.cancelled;
  if (e.seats.left === null) return ev.unlimited;
  return e.seats.left > 0 ? ev.seatsLeft(e.seats.left) : ev.full;
}
