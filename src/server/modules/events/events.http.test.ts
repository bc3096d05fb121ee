import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../../test/support/app.js';
import { describeEachDatabase } from '../../../../test/support/databases.js';
import { type SignedIn, signInAs } from '../../../../test/support/sessions.js';
import { signInStaff } from '../../../../test/support/staff.js';
import type { EventResponse, RegistrationForStaff, RegistrationResult } from '../../../contracts/events.js';
import type { App } from '../../http/types.js';
import { forgetPastRegistrations } from './events.service.js';

const inDays = (days: number, hour = 7) => {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString();
};

function buildEvent(overrides: Record<string, unknown> = {}) {
  return {
    organisationId: 'botkyrka-kommun',
    kind: 'breakfast-meeting',
    title: 'Frukostmöte om mark, el och tåg',
    description: 'Kaffe; smörgås, och en genomgång\nav ledig mark.',
    startsAt: inDays(10),
    endsAt: inDays(10, 9),
    location: 'Xenter, Tumba',
    municipality: '0127',
    capacity: 2,
    strategyNodeIds: ['botkyrka-naringspolitik/dialog-och-motesplatser'],
    ...overrides,
  };
}

const tokenOf = (r: RegistrationResult) => r.cancelUrl.split('/').pop() as string;

describeEachDatabase('events over HTTP', (database) => {
  let app: App;
  let organiser: SignedIn;

  beforeAll(async () => {
    app = await buildTestApp(database());
    organiser = await signInAs(database(), 'admin-botkyrka');
  });
  afterAll(() => app.close());

  async function publishedEvent(overrides: Record<string, unknown> = {}): Promise<EventResponse> {
    const created = await app.inject({
      method: 'POST',
      url: '/api/events',
      headers: organiser.writeHeaders,
      payload: buildEvent(overrides),
    });
    expect(created.statusCode, created.body).toBe(201);
    const published = await app.inject({
      method: 'POST',
      url: `/api/events/${created.json().id}/publish`,
      headers: organiser.writeHeaders,
    });
    return published.json();
  }

  const register = (eventId: string, email: string, headers: Record<string, string> = {}) =>
    app.inject({
      method: 'POST',
      url: `/api/events/${eventId}/registrations`,
      headers,
      payload: { name: `Person ${email}`, email },
    });

  describe('organising', () => {
    it('refuses anonymous callers and analysts, and staff of another organisation', async () => {
      expect((await app.inject({ method: 'POST', url: '/api/events', payload: buildEvent() })).statusCode).toBe(401);
      const analyst = await signInAs(database(), 'analytiker-region');
      const asAnalyst = await app.inject({
        method: 'POST',
        url: '/api/events',
        headers: analyst.writeHeaders,
        payload: buildEvent(),
      });
      expect(asAnalyst.statusCode).toBe(403);
      const almi = await signInAs(database(), 'handlaggare-almi');
      const elsewhere = await app.inject({
        method: 'POST',
        url: '/api/events',
        headers: almi.writeHeaders,
        payload: buildEvent(),
      });
      expect(elsewhere.statusCode).toBe(403);
      expect(elsewhere.json().code).toBe('not_organiser');
    });

    it('refuses an event that ends before it starts, and unknown strategy nodes', async () => {
      const backwards = await app.inject({
        method: 'POST',
        url: '/api/events',
        headers: organiser.writeHeaders,
        payload: buildEvent({ endsAt: inDays(9) }),
      });
      expect(backwards.statusCode).toBe(400);
      const unknown = await app.inject({
        method: 'POST',
        url: '/api/events',
        headers: organiser.writeHeaders,
        payload: buildEvent({ strategyNodeIds: ['finns-inte'] }),
      });
      expect(unknown.statusCode).toBe(400);
    });

    it('keeps a draft out of the public list and page until it is published', async () => {
      const draft = (
        await app.inject({ method: 'POST', url: '/api/events', headers: organiser.writeHeaders, payload: buildEvent() })
      ).json() as EventResponse;
      expect(draft.status).toBe('draft');
      expect((await app.inject({ url: `/api/events/${draft.id}` })).statusCode).toBe(404);
      expect((await register(draft.id, 'tidig@example.se')).statusCode).toBe(404);
      const list = (await app.inject({ url: '/api/events?limit=100' })).json() as { items: EventResponse[] };
      expect(list.items.map((e) => e.id)).not.toContain(draft.id);
      expect((await app.inject({ url: `/api/events/${draft.id}`, headers: organiser.headers })).statusCode).toBe(200);

      await app.inject({ method: 'POST', url: `/api/events/${draft.id}/publish`, headers: organiser.writeHeaders });
      const page = await app.inject({ url: `/api/events/${draft.id}` });
      expect(page.json()).toMatchObject({ status: 'published', open: true, seats: { confirmed: 0, left: 2 } });
    });
  });

  describe('registration, waitlist and cancellation', () => {
    it('refuses a second registration with the same e-mail, in any letter case', async () => {
      const event = await publishedEvent();
      expect((await register(event.id, 'anna@example.se')).statusCode).toBe(201);
      const again = await register(event.id, 'ANNA@example.se');
      expect(again.statusCode).toBe(409);
      expect(again.json().code).toBe('already_registered');
    });

    it('puts people on the waitlist when full and moves the first up when someone cancels', async () => {
      const event = await publishedEvent();
      const a = (await register(event.id, 'a@example.se')).json() as RegistrationResult;
      const b = (await register(event.id, 'b@example.se')).json() as RegistrationResult;
      const c = (await register(event.id, 'c@example.se')).json() as RegistrationResult;
      const d = (await register(event.id, 'd@example.se')).json() as RegistrationResult;
      expect([a, b, c, d].map((r) => [r.status, r.waitlistPosition])).toEqual([
        ['confirmed', null],
        ['confirmed', null],
        ['waitlisted', 1],
        ['waitlisted', 2],
      ]);

      const cancelled = await app.inject({ method: 'POST', url: `/api/event-registrations/${tokenOf(a)}/cancel` });
      expect(cancelled.json()).toMatchObject({ status: 'cancelled', event: { id: event.id } });
      // A second click changes nothing and gives nobody a second seat.
      await app.inject({ method: 'POST', url: `/api/event-registrations/${tokenOf(a)}/cancel` });

      const cNow = await app.inject({ url: `/api/event-registrations/${tokenOf(c)}` });
      expect(cNow.json()).toMatchObject({ status: 'confirmed', waitlistPosition: null });
      const dNow = await app.inject({ url: `/api/event-registrations/${tokenOf(d)}` });
      expect(dNow.json()).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
      expect((await app.inject({ url: `/api/events/${event.id}` })).json().seats).toEqual({
        confirmed: 2,
        waitlisted: 1,
        left: 0,
      });
    });

    it('drops the name and e-mail of a cancelled registration', async () => {
      const event = await publishedEvent();
      const r = (await register(event.id, 'glom@example.se')).json() as RegistrationResult;
      await app.inject({ method: 'POST', url: `/api/event-registrations/${tokenOf(r)}/cancel` });
      const rows = await database().query<{ name: string | null; email: string | null }>(
        'select name, email from event_registrations where id = $1',
        [r.id],
      );
      expect(rows).toEqual([{ name: null, email: null }]);
    });

    it('moves the waitlist up when the organiser makes room for more', async () => {
      const event = await publishedEvent({ capacity: 1 });
      await register(event.id, 'x@example.se');
      const y = (await register(event.id, 'y@example.se')).json() as RegistrationResult;
      expect(y.status).toBe('waitlisted');
      const bigger = await app.inject({
        method: 'PATCH',
        url: `/api/events/${event.id}`,
        headers: organiser.writeHeaders,
        payload: { capacity: 5 },
      });
      expect(bigger.json().seats).toMatchObject({ confirmed: 2, waitlisted: 0, left: 3 });
    });

    it('never overbooks when many register and cancel at the same time', async () => {
      const event = await publishedEvent({ capacity: 5 });
      const results = await Promise.all(
        Array.from({ length: 16 }, (_, i) => register(event.id, `samtidig${i}@example.se`)),
      );
      const registered = results.map((r) => r.json() as RegistrationResult);
      expect(registered.filter((r) => r.status === 'confirmed')).toHaveLength(5);
      const positions = registered.filter((r) => r.status === 'waitlisted').map((r) => r.waitlistPosition);
      expect(positions.sort((x, y) => (x ?? 0) - (y ?? 0))).toEqual(Array.from({ length: 11 }, (_, i) => i + 1));

      const confirmed = registered.filter((r) => r.status === 'confirmed').slice(0, 3);
      await Promise.all(
        confirmed.map((r) => app.inject({ method: 'POST', url: `/api/event-registrations/${tokenOf(r)}/cancel` })),
      );
      const seats = (await app.inject({ url: `/api/events/${event.id}` })).json().seats;
      expect(seats).toEqual({ confirmed: 5, waitlisted: 8, left: 0 });
    });

    it('refuses registrations for a cancelled event and tells those registered', async () => {
      const event = await publishedEvent();
      await register(event.id, 'inst@example.se');
      const cancelled = await app.inject({
        method: 'POST',
        url: `/api/events/${event.id}/cancel`,
        headers: organiser.writeHeaders,
      });
      expect(cancelled.json()).toMatchObject({ status: 'cancelled', open: false });
      const late = await register(event.id, 'sen@example.se');
      expect(late.statusCode).toBe(409);
      expect(late.json().code).toBe('event_not_open');
      const mail = await database().query<{ n: number }>(
        "select count(*)::int as n from outbox where payload->>'to' = 'inst@example.se' and payload->>'subject' like 'Inställt:%'",
      );
      expect(mail[0]?.n).toBe(1);
    });

    it('registers a signed-in company with its orgnr, and an anonymous person without one', async () => {
      const event = await publishedEvent({ capacity: null });
      const company = await signInAs(database(), 'foretagare-botkyrka');
      await app.inject({
        method: 'POST',
        url: '/api/me/company',
        headers: company.writeHeaders,
        payload: { orgnr: '5599000014' },
      });
      expect((await register(event.id, 'amira@example.se', company.writeHeaders)).statusCode).toBe(201);
      expect((await register(event.id, 'privat@example.se')).statusCode).toBe(201);
      const list = await app.inject({ url: `/api/events/${event.id}/registrations`, headers: organiser.headers });
      const orgnrs = (list.json().items as RegistrationForStaff[]).map((r) => [r.email, r.companyOrgnr]);
      expect(orgnrs).toEqual([
        ['amira@example.se', '5599000014'],
        ['privat@example.se', null],
      ]);
    });
  });

  describe('attendance', () => {
    it('lets only the organiser mark attendance, and keeps no personal data in the reach table', async () => {
      const event = await publishedEvent({ capacity: null, offeringIds: ['botkyrka-kommun-frukostmoten'] });
      const r = (await register(event.id, 'kom@example.se')).json() as RegistrationResult;
      const url = `/api/events/${event.id}/registrations/${r.id}/attendance`;
      const stranger = await signInStaff(database(), [
        { organisationId: 'orebro-kommun', unitId: null, role: 'coordinator' },
      ]);
      const refused = await app.inject({
        method: 'POST',
        url,
        headers: stranger.writeHeaders,
        payload: { attended: true },
      });
      expect(refused.statusCode).toBe(403);

      const marked = await app.inject({
        method: 'POST',
        url,
        headers: organiser.writeHeaders,
        payload: { attended: true },
      });
      expect(marked.statusCode).toBe(200);
      expect(marked.json().items[0]).toMatchObject({ id: r.id, attended: true });
      const rows = await database().query<Record<string, unknown>>(
        'select * from event_attendance where registration_id = $1',
        [r.id],
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        event_id: event.id,
        organisation_id: 'botkyrka-kommun',
        company_orgnr: null,
        municipality: '0127',
        offering_ids: ['botkyrka-kommun-frukostmoten'],
        strategy_node_ids: ['botkyrka-naringspolitik/dialog-och-motesplatser'],
      });
      expect(Object.keys(rows[0] ?? {})).not.toContain('email');

      await app.inject({ method: 'POST', url, headers: organiser.writeHeaders, payload: { attended: false } });
      expect(await database().query('select 1 from event_attendance where registration_id = $1', [r.id])).toHaveLength(
        0,
      );
    });
  });

  describe('personal data', () => {
    it('forgets names and e-mails 30 days after an event, and keeps the attendance', async () => {
      const event = await publishedEvent({ capacity: null });
      const r = (await register(event.id, 'glomd@example.se')).json() as RegistrationResult;
      await app.inject({
        method: 'POST',
        url: `/api/events/${event.id}/registrations/${r.id}/attendance`,
        headers: organiser.writeHeaders,
        payload: { attended: true },
      });
      expect(await forgetPastRegistrations(database().db, 30, new Date(Date.now() + 20 * 86_400_000))).toBe(0);
      expect(await forgetPastRegistrations(database().db, 30, new Date(Date.now() + 45 * 86_400_000))).toBeGreaterThan(
        0,
      );
      const rows = await database().query('select name, email from event_registrations where id = $1', [r.id]);
      expect(rows).toEqual([{ name: null, email: null }]);
      expect(await database().query('select 1 from event_attendance where registration_id = $1', [r.id])).toHaveLength(
        1,
      );
    });
  });

  describe('calendar export', () => {
    it('serves a published event as text/calendar with CRLF lines and escaped text', async () => {
      const event = await publishedEvent();
      const res = await app.inject({ url: `/api/events/${event.id}/calendar.ics` });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/calendar/);
      expect(res.body.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
      expect(res.body).toContain(`\r\nUID:${event.id}@lotsen\r\n`);
      expect(res.body).toContain('DESCRIPTION:Kaffe\\; smörgås\\, och en genomgång\\nav ledig mark.');
      expect(res.body.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    });

    it('lists every upcoming public event in the feed, and 404s a draft', async () => {
      const event = await publishedEvent();
      const feed = await app.inject({ url: '/api/events/calendar.ics' });
      expect(feed.body).toContain(`UID:${event.id}@lotsen`);
      const draft = (
        await app.inject({ method: 'POST', url: '/api/events', headers: organiser.writeHeaders, payload: buildEvent() })
      ).json() as EventResponse;
      expect((await app.inject({ url: `/api/events/${draft.id}/calendar.ics` })).statusCode).toBe(404);
      expect(feed.body).not.toContain(draft.id);
    });
  });
});
