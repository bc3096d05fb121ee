import { useI18n } from '../../i18n/i18n.js';
import type { Messages } from '../../i18n/sv.js';
import { formatMoment } from './case-format.js';
import type { CaseEvent } from './cases-api.js';

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/**
 * The heading line of one event, e.g. "Status: Mottaget → Pågår". `nameOf` names a colleague
 * (staff view), so an assignment says to whom.
 */
export function eventTitle(
  t: Messages['cases'],
  event: CaseEvent,
  nameOf: (userId: string) => string | null = () => null,
): string {
  const status = (code: unknown) => (typeof code === 'string' ? (t.statuses[code] ?? code) : '');
  const e = t.events;
  switch (event.kind) {
    case 'submitted':
      return e.submitted;
    case 'verified':
      return e.verified;
    case 'status':
      return e.status(status(event.data.from), status(event.data.to));
    case 'assigned': {
      if (typeof event.data.assigneeId !== 'string') return e.unassigned;
      const name = nameOf(event.data.assigneeId);
      return name ? e.assignedTo(name) : e.assigned;
    }
    case 'message':
      return e.message(event.authorName ?? t.unknownAuthor);
    case 'note':
      return e.note;
    case 'reply':
      return e.reply(event.authorName ?? t.theCompany);
    case 'withdrawn':
      return e.withdrawn;
    case 'part':
      return e.part;
    case 'part_status':
      return e.partStatus(status(event.data.from), status(event.data.to));
    case 'consent':
      return e.consent;
    case 'referral':
      return event.data.mode === 'anonymous' ? e.anonymousInquiry : e.referral;
    case 'document':
      return e.document;
    default:
      return event.kind;
  }
}

/**
 * One case's timeline, oldest first. Staff see internal entries marked as such; the company's
 * view never receives them from the server.
 */
export function CaseTimeline({
  events,
  view,
  nameOf,
}: {
  events: CaseEvent[];
  view: 'company' | 'staff';
  nameOf?: (userId: string) => string | null;
}) {
  const { t, language } = useI18n();
  if (events.length === 0) return <p>{t.cases.noEvents}</p>;
  return (
    <ol className="timeline">
      {events.map((event) => {
        const internal = event.visibility === 'internal';
        const body = text(event.body);
        const className = [
          'timeline__item',
          internal ? 'timeline__item--internal' : '',
          `timeline__item--${event.kind}`,
        ]
          .filter(Boolean)
          .join(' ');
        return (
          <li key={event.id} className={className}>
            <p className="timeline__meta">
              <strong className="timeline__title">{eventTitle(t.cases, event, nameOf)}</strong>{' '}
              <time dateTime={event.createdAt}>{formatMoment(event.createdAt, language)}</time>
              {view === 'staff' && internal && <span className="tag tag--internal">{t.cases.internalTag}</span>}
            </p>
            {body && <p className="timeline__body">{body}</p>}
            {view === 'staff' && event.kind === 'message' && (
              <p className="timeline__receipt">
                {event.readByCompanyAt
                  ? t.cases.readByCompany(formatMoment(event.readByCompanyAt, language))
                  : t.cases.notReadByCompany}
              </p>
            )}
          </li>
        );
      })}
    </ol>
  );
}
