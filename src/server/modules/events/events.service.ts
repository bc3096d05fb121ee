import { createHash, randomBytes } from 'node:crypto';
import type {
  CreateEventRequest,
  EventListQuery,
  EventResponse,
  RegisterRequest,
  RegistrationByTokenResponse,
  RegistrationForStaff,
  RegistrationResult,
  UpdateEventRequest,
} from '../../../contracts/events.js';
import type { Db, Tx } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import { AppError } from '../../errors.js';
import type { Principal } from '../access/access.policies.js';
import { getOffering, organisationNames, strategyTrees } from '../catalogue/catalogue.service.js';
import { isMunicipalityCode, municipalityName } from '../catalogue/geography.js';
import { enqueueEmail } from '../outbox/outbox.repository.js';
import { mayOrganise, organisedBy } from './events.policies.js';
import * as repo from './events.repository.js';
import { toICalendar } from './ical.js';

export interface EventLinks {
  publicBaseUrl: string;
}

type Page = { limit: number; offset: number };

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function isOpen(row: repo.EventRow, now: Date): boolean {
  return row.status === 'published' && row.startsAt > now;
}

function toEventResponse(
  row: repo.EventRow,
  names: Map<string, string>,
  seats: { confirmed: number; waitlisted: number },
  now: Date,
): EventResponse {
  return {
    id: row.id,
    organisation: { id: row.organisationId, name: names.get(row.organisationId) ?? row.organisationId },
    kind: row.kind as EventResponse['kind'],
    title: row.title,
    description: row.description,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    location: row.location,
    municipality: row.municipality
      ? { code: row.municipality, name: municipalityName(row.municipality) ?? row.municipality }
      : null,
    capacity: row.capacity,
    seats: {
      ...seats,
      left: row.capacity === null ? null : Math.max(0, row.capacity - seats.confirmed),
    },
    status: row.status as EventResponse['status'],
    open: isOpen(row, now),
    offeringIds: row.offeringIds,
    strategyNodeIds: row.strategyNodeIds,
    calendarUrl: `/api/events/${row.id}/calendar.ics`,
  };
}

async function present(db: Db | Tx, rows: repo.EventRow[], now = new Date()): Promise<EventResponse[]> {
  const [names, seats] = await Promise.all([
    organisationNames(db as Db),
    repo.seatCounts(
      db,
      rows.map((r) => r.id),
    ),
  ]);
  return rows.map((r) => toEventResponse(r, names, seats.get(r.id) ?? { confirmed: 0, waitlisted: 0 }, now));
}

function checkMunicipality(code: string | null | undefined) {
  if (code && !isMunicipalityCode(code))
    throw new AppError('invalid_municipality', `Kommunkoden ${code} finns inte i SCB:s lista`, [
      { field: 'municipality', message: 'okänd kommunkod' },
    ]);
}

/** Published (and cancelled) events, upcoming by default. Drafts are never public. */
export async function listEvents(db: Db, query: EventListQuery, now = new Date()) {
  const { limit = 20, offset = 0, ...filter } = query;
  checkMunicipality(filter.municipality);
  const { rows, total } = await repo.listPublished(db, filter, { limit, offset }, now);
  return { items: await present(db, rows, now), total };
}

/** One event; a draft only for its organisers (others get 404, as if it did not exist). */
export async function getEvent(db: Db, principal: Principal | null, id: string): Promise<EventResponse> {
  const row = await repo.findEvent(db, id);
  if (!row || (row.status === 'draft' && !mayOrganise(principal, row.organisationId)))
    throw new AppError('event_not_found', 'Evenemanget finns inte');
  const [event] = await present(db, [row]);
  return event as EventResponse;
}

export async function listOrganised(db: Db, principal: Principal, page: Page) {
  const { rows, total } = await repo.listOrganised(db, organisedBy(principal), page);
  return { items: await present(db, rows), total };
}

async function organisedEvent(db: Db | Tx, principal: Principal, id: string, forUpdate = false) {
  const row = await repo.findEvent(db, id, { forUpdate });
  if (!row) throw new AppError('event_not_found', 'Evenemanget finns inte');
  if (!mayOrganise(principal, row.organisationId))
    throw new AppError('not_organiser', 'Bara arrangörens medarbetare kan ändra evenemanget');
  return row;
}

async function checkLinks(db: Db, offeringIds: readonly string[], strategyNodeIds: readonly string[]) {
  for (const id of offeringIds) await getOffering(db, id);
  if (strategyNodeIds.length === 0) return;
  const known = new Set<string>();
  const walk = (nodes: Awaited<ReturnType<typeof strategyTrees>>) => {
    for (const n of nodes) {
      known.add(n.id);
      walk(n.children);
    }
  };
  walk(await strategyTrees(db));
  const unknown = strategyNodeIds.filter((id) => !known.has(id));
  if (unknown.length > 0)
    throw new AppError(
      'validation_failed',
      `Okända strateginoder: ${unknown.join(', ')}`,
      unknown.map((id) => ({ field: 'strategyNodeIds', message: `okänd nod ${id}` })),
    );
}

function checkTimes(startsAt: Date, endsAt: Date) {
  if (Number.isNaN(startsAt.getTime()) || Number.isNaN(endsAt.getTime()) || endsAt <= startsAt)
    throw new AppError('validation_failed', 'Evenemanget måste sluta efter att det börjar', [
      { field: 'endsAt', message: 'måste vara efter startsAt' },
    ]);
}

/** A new event, as a draft of the organiser's organisation. */
export async function createEvent(db: Db, principal: Principal, input: CreateEventRequest): Promise<EventResponse> {
  if (!mayOrganise(principal, input.organisationId))
    throw new AppError('not_organiser', `Du arbetar inte hos ${input.organisationId}`);
  const names = await organisationNames(db);
  if (!names.has(input.organisationId))
    throw new AppError('organisation_not_found', `Organisationen ${input.organisationId} finns inte`);
  checkMunicipality(input.municipality);
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  checkTimes(startsAt, endsAt);
  await checkLinks(db, input.offeringIds ?? [], input.strategyNodeIds ?? []);
  const row = await repo.insertEvent(db, {
    organisationId: input.organisationId,
    kind: input.kind,
    title: input.title.trim(),
    description: input.description,
    startsAt,
    endsAt,
    location: input.location,
    municipality: input.municipality ?? null,
    capacity: input.capacity ?? null,
    offeringIds: [...new Set(input.offeringIds ?? [])],
    strategyNodeIds: [...new Set(input.strategyNodeIds ?? [])],
    createdBy: principal.userId,
  });
  const [event] = await present(db, [row]);
  return event as EventResponse;
}

/**
 * Moves people from the waitlist into free seats, in registration order, and tells them by
 * e-mail. Runs with the event row locked, so two cancellations cannot hand out the same seat.
 */
async function fillFreeSeats(tx: Tx, event: repo.EventRow, links: EventLinks): Promise<number> {
  if (event.status !== 'published') return 0;
  const seats = (await repo.seatCounts(tx, [event.id])).get(event.id) ?? { confirmed: 0, waitlisted: 0 };
  const free = event.capacity === null ? seats.waitlisted : event.capacity - seats.confirmed;
  const promoted = await repo.nextOnWaitlist(tx, event.id, free);
  for (const r of promoted) {
    await repo.promote(tx, r.id);
    if (r.email)
      await enqueueEmail(tx, {
        to: r.email,
        subject: `Du har fått en plats – ${event.title}`,
        text: `Hej ${r.name ?? ''}!\n\nEn plats blev ledig och du är nu anmäld till ${event.title}, ${formatWhen(event)}, ${event.location}.\n\nKan du inte komma? Avboka med länken i mejlet du fick när du anmälde dig, så att någon annan får platsen.\n\nKalender: ${links.publicBaseUrl}/api/events/${event.id}/calendar.ics\n\nLotsen`,
      });
  }
  return promoted.length;
}

export async function updateEvent(
  db: Db,
  principal: Principal,
  id: string,
  input: UpdateEventRequest,
  links: EventLinks,
): Promise<EventResponse> {
  checkMunicipality(input.municipality);
  await checkLinks(db, input.offeringIds ?? [], input.strategyNodeIds ?? []);
  const row = await db.transaction(async (tx) => {
    const current = await organisedEvent(tx, principal, id, true);
    if (current.status === 'cancelled') throw new AppError('event_not_open', 'Evenemanget är inställt');
    const startsAt = input.startsAt ? new Date(input.startsAt) : current.startsAt;
    const endsAt = input.endsAt ? new Date(input.endsAt) : current.endsAt;
    checkTimes(startsAt, endsAt);
    const updated = await repo.updateEvent(tx, id, {
      ...(input.kind ? { kind: input.kind } : {}),
      ...(input.title ? { title: input.title.trim() } : {}),
      ...(input.description ? { description: input.description } : {}),
      startsAt,
      endsAt,
      ...(input.location ? { location: input.location } : {}),
      ...(input.municipality !== undefined ? { municipality: input.municipality } : {}),
      ...(input.capacity !== undefined ? { capacity: input.capacity } : {}),
      ...(input.offeringIds ? { offeringIds: [...new Set(input.offeringIds)] } : {}),
      ...(input.strategyNodeIds ? { strategyNodeIds: [...new Set(input.strategyNodeIds)] } : {}),
    });
    // A larger room: the waitlist moves up. A smaller one keeps everyone already confirmed.
    await fillFreeSeats(tx, updated, links);
    return updated;
  });
  const [event] = await present(db, [row]);
  return event as EventResponse;
}

export async function publishEvent(db: Db, principal: Principal, id: string): Promise<EventResponse> {
  const row = await db.transaction(async (tx) => {
    const current = await organisedEvent(tx, principal, id, true);
    if (current.status === 'published') return current;
    if (current.status !== 'draft')
      throw new AppError('illegal_transition', 'Ett inställt evenemang kan inte publiceras');
    return repo.updateEvent(tx, id, { status: 'published', publishedAt: new Date() });
  });
  const [event] = await present(db, [row]);
  return event as EventResponse;
}

/** Cancels the event and tells everyone registered; calendars get STATUS:CANCELLED. */
export async function cancelEvent(db: Db, principal: Principal, id: string): Promise<EventResponse> {
  const row = await db.transaction(async (tx) => {
    const current = await organisedEvent(tx, principal, id, true);
    if (current.status === 'cancelled') return current;
    const updated = await repo.updateEvent(tx, id, { status: 'cancelled' });
    for (const r of await repo.liveRegistrations(tx, id)) {
      if (r.email)
        await enqueueEmail(tx, {
          to: r.email,
          subject: `Inställt: ${current.title}`,
          text: `Hej ${r.name ?? ''}!\n\n${current.title} (${formatWhen(current)}) är tyvärr inställt.\n\nLotsen`,
        });
    }
    return updated;
  });
  const [event] = await present(db, [row]);
  return event as EventResponse;
}

function formatWhen(event: repo.EventRow): string {
  const f = new Intl.DateTimeFormat('sv-SE', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Stockholm',
  });
  return f.format(event.startsAt);
}

/**
 * Registers a person (or, signed in, a company) for a published event: a seat while there are
 * seats, else the waitlist. The event row is locked for the count and insert, so concurrent
 * registrations cannot overbook.
 */
export async function register(
  db: Db,
  principal: Principal | null,
  eventId: string,
  input: RegisterRequest,
  links: EventLinks,
  now = new Date(),
): Promise<RegistrationResult> {
  const token = randomBytes(32).toString('hex');
  const orgnr = principal?.kind === 'company-rep' && input.asCompany !== false ? principal.actingCompany : null;
  try {
    return await db.transaction(async (tx) => {
      const event = await repo.findEvent(tx, eventId, { forUpdate: true });
      if (!event || event.status === 'draft') throw new AppError('event_not_found', 'Evenemanget finns inte');
      if (!isOpen(event, now)) throw new AppError('event_not_open', 'Evenemanget tar inte emot anmälningar');
      if (await repo.liveRegistrationByEmail(tx, eventId, input.email))
        throw new AppError('already_registered', 'Den e-postadressen är redan anmäld');
      const seats = (await repo.seatCounts(tx, [eventId])).get(eventId) ?? { confirmed: 0, waitlisted: 0 };
      const status = event.capacity === null || seats.confirmed < event.capacity ? 'confirmed' : 'waitlisted';
      const row = await repo.insertRegistration(tx, {
        eventId,
        name: input.name.trim(),
        email: input.email.trim(),
        companyOrgnr: orgnr,
        companyName: input.companyName?.trim() ?? null,
        status,
        cancelTokenHash: hashToken(token),
      });
      const position = status === 'waitlisted' ? await repo.waitlistPosition(tx, eventId, row.seq) : null;
      const cancelUrl = `${links.publicBaseUrl}/avbokning/${token}`;
      await enqueueEmail(tx, {
        to: row.email as string,
        subject: `${status === 'confirmed' ? 'Anmäld' : 'På väntelistan'}: ${event.title}`,
        text:
          `Hej ${row.name}!\n\n` +
          (status === 'confirmed'
            ? `Du är anmäld till ${event.title}, ${formatWhen(event)}, ${event.location}.`
            : `${event.title} är fullt. Du står som nummer ${position} på väntelistan och får ett mejl om en plats blir ledig.`) +
          `\n\nLägg in i kalendern: ${links.publicBaseUrl}/api/events/${event.id}/calendar.ics` +
          `\nAvboka: ${cancelUrl}\n\nLotsen`,
      });
      return { id: row.id, status, waitlistPosition: position, cancelUrl };
    });
  } catch (error) {
    // Two requests with the same address at once: the unique index lets one in.
    if (isUniqueViolation(error)) throw new AppError('already_registered', 'Den e-postadressen är redan anmäld');
    throw error;
  }
}

export async function registrationByToken(db: Db, token: string): Promise<RegistrationByTokenResponse> {
  const row = await repo.findRegistrationByToken(db, hashToken(token));
  if (!row) throw new AppError('registration_not_found', 'Anmälan finns inte');
  const event = await repo.findEvent(db, row.eventId);
  if (!event) throw new AppError('registration_not_found', 'Anmälan finns inte');
  return {
    status: row.status as RegistrationByTokenResponse['status'],
    waitlistPosition: row.status === 'waitlisted' ? await repo.waitlistPosition(db, row.eventId, row.seq) : null,
    event: {
      id: event.id,
      title: event.title,
      startsAt: event.startsAt.toISOString(),
      endsAt: event.endsAt.toISOString(),
      location: event.location,
      status: event.status as RegistrationByTokenResponse['event']['status'],
    },
  };
}

/**
 * Cancels through the secret link; a confirmed seat goes to the first on the waitlist. Idempotent:
 * a second click answers the same. The event row is locked first (the same order as `register`),
 * then the registration, so a cancellation and a registration never deadlock or double-book.
 */
export async function cancelByToken(db: Db, token: string, links: EventLinks): Promise<RegistrationByTokenResponse> {
  const tokenHash = hashToken(token);
  const found = await repo.findRegistrationByToken(db, tokenHash);
  if (!found) throw new AppError('registration_not_found', 'Anmälan finns inte');
  await db.transaction(async (tx) => {
    const event = await repo.findEvent(tx, found.eventId, { forUpdate: true });
    const row = await repo.findRegistrationByToken(tx, tokenHash, { forUpdate: true });
    if (!event || !row || row.status === 'cancelled') return;
    await repo.cancelRegistration(tx, row.id);
    await repo.unmarkAttended(tx, row.id);
    if (row.status === 'confirmed' && event.startsAt > new Date()) await fillFreeSeats(tx, event, links);
  });
  return registrationByToken(db, token);
}

export async function listRegistrations(db: Db, principal: Principal, eventId: string) {
  const event = await organisedEvent(db, principal, eventId);
  const [rows, attended] = await Promise.all([repo.liveRegistrations(db, event.id), repo.attendedIds(db, event.id)]);
  let waiting = 0;
  const items: RegistrationForStaff[] = rows.map((r) => ({
    id: r.id,
    name: r.name,
    email: r.email,
    companyOrgnr: r.companyOrgnr,
    companyName: r.companyName,
    status: r.status as RegistrationForStaff['status'],
    waitlistPosition: r.status === 'waitlisted' ? ++waiting : null,
    attended: attended.has(r.id),
    registeredAt: r.createdAt.toISOString(),
  }));
  return { items, total: items.length };
}

/**
 * Marks who came. The attendance row keeps no name or e-mail: the company (when known) and what
 * the event was part of, for the strategy follow-up's reach.
 */
export async function markAttendance(
  db: Db,
  principal: Principal,
  eventId: string,
  registrationId: string,
  attended: boolean,
) {
  await db.transaction(async (tx) => {
    const event = await organisedEvent(tx, principal, eventId);
    const registration = await repo.findRegistration(tx, eventId, registrationId);
    if (!registration || registration.status === 'cancelled')
      throw new AppError('registration_not_found', 'Anmälan finns inte');
    if (!attended) return repo.unmarkAttended(tx, registrationId);
    await repo.markAttended(tx, {
      registrationId,
      eventId,
      organisationId: event.organisationId,
      companyOrgnr: registration.companyOrgnr,
      municipality: event.municipality,
      offeringIds: event.offeringIds,
      strategyNodeIds: event.strategyNodeIds,
      eventStartsAt: event.startsAt,
      markedBy: principal.userId,
    });
  });
  return listRegistrations(db, principal, eventId);
}

function toCalendarEvent(row: repo.EventRow, names: Map<string, string>, links: EventLinks) {
  return {
    uid: `${row.id}@lotsen`,
    title: row.title,
    description: row.description,
    location: row.location,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    sequence: row.sequence,
    cancelled: row.status === 'cancelled',
    url: `${links.publicBaseUrl}/evenemang/${row.id}`,
    organiser: names.get(row.organisationId) ?? row.organisationId,
  };
}

export async function eventCalendar(db: Db, id: string, links: EventLinks): Promise<string> {
  const row = await repo.findEvent(db, id);
  if (!row || row.status === 'draft') throw new AppError('event_not_found', 'Evenemanget finns inte');
  return toICalendar([toCalendarEvent(row, await organisationNames(db), links)], { name: row.title });
}

/** All upcoming public events as one calendar to subscribe to. */
export async function upcomingCalendar(db: Db, links: EventLinks): Promise<string> {
  const { rows } = await repo.listPublished(db, {}, { limit: 500, offset: 0 }, new Date());
  const names = await organisationNames(db);
  return toICalendar(
    rows.map((r) => toCalendarEvent(r, names, links)),
    { name: 'Lotsen – evenemang för företag' },
  );
}

/**
 * GDPR: once an event is `days` days over, the registrations' names and e-mails are no longer
 * needed (attendance for the reach keeps neither). Meant for a daily job; returns how many were cleared.
 */
export async function forgetPastRegistrations(db: Db, days = 30, now = new Date()): Promise<number> {
  return repo.forgetRegistrations(db, new Date(now.getTime() - days * 24 * 60 * 60 * 1000));
}

/** Demo events (published, in the coming weeks) when there are none yet. */
export async function seedDemoEvents(db: Db, now = new Date()): Promise<number> {
  if ((await repo.countEvents(db)) > 0) return 0;
  const names = await organisationNames(db);
  const day = (days: number, hour: number, minute = 0) => {
    const d = new Date(now);
    d.setUTCDate(d.getUTCDate() + days);
    d.setUTCHours(hour, minute, 0, 0);
    return d;
  };
  const demo = [
    {
      organisationId: 'botkyrka-kommun',
      kind: 'breakfast-meeting',
      title: 'Frukostmöte: Etablera ditt företag i Botkyrka',
      description:
        'Kommunens näringslivsenhet berättar om mark för etablering – Södra Porten och Rikstens företagspark – och hur plan, bygglov och miljö samordnas. Kaffe och smörgås från 07.30.',
      startsAt: day(14, 6, 30),
      endsAt: day(14, 8),
      location: 'Xenter, Tumba',
      municipality: '0127',
      capacity: 30,
      offeringIds: [],
      strategyNodeIds: ['botkyrka-naringspolitik/dialog-och-motesplatser'],
    },
    {
      organisationId: 'business-sweden',
      kind: 'workshop',
      title: 'Workshop: Ut i världen tillsammans med en stor exportör',
      description:
        'För små och medelstora företag som vill exportera genom att följa med en större exportör. Vi går igenom hur samarbeten sätts upp och vilket stöd som finns.',
      startsAt: day(21, 12),
      endsAt: day(21, 15),
      location: 'Västerås Science Park',
      municipality: '1980',
      capacity: 12,
      offeringIds: [],
      strategyNodeIds: ['motion-exportcentrum-vastmanland/fler-exporterande-foretag'],
    },
    {
      organisationId: 'region-orebro-lan',
      kind: 'network-meeting',
      title: 'Nätverksträff: Mat och dryck i Örebro län',
      description:
        'Träffa andra företag inom livsmedelsförädling, forskare från Örebro universitet och kommunens etableringsstöd.',
      startsAt: day(28, 15),
      endsAt: day(28, 17),
      location: 'Örebro slott',
      municipality: '1880',
      capacity: null,
      offeringIds: [],
      strategyNodeIds: ['orebro-2018-2022/inriktning-1/digitala-motesplatser'],
    },
  ];
  const known = new Set(
    (await strategyTrees(db)).flatMap(function ids(n): string[] {
      return [n.id, ...n.children.flatMap(ids)];
    }),
  );
  let added = 0;
  for (const e of demo) {
    if (!names.has(e.organisationId)) continue;
    await repo.insertEvent(db, {
      ...e,
      strategyNodeIds: e.strategyNodeIds.filter((id) => known.has(id)),
      status: 'published',
      publishedAt: now,
    });
    added++;
  }
  return added;
}
