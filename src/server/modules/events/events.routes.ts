import { Type } from 'typebox';
import { ListOf, PageQuery, Problem } from '../../../contracts/common.js';
import {
  AttendanceRequest,
  CreateEventRequest,
  EventList,
  EventListQuery,
  EventResponse,
  RegisterRequest,
  RegistrationByTokenResponse,
  RegistrationForStaff,
  RegistrationResult,
  UpdateEventRequest,
} from '../../../contracts/events.js';
import { principalOf } from '../../http/principal.js';
import type { App, AppDeps } from '../../http/types.js';
import { ORGANISER_ROUTE_ROLES } from './events.policies.js';
import * as events from './events.service.js';

const EventParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
const RegistrationParams = Type.Object(
  { id: Type.String({ format: 'uuid' }), registrationId: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
);
/** The cancel link's secret: 32 random bytes as lowercase hex (fits the web app's path pattern). */
const TokenParams = Type.Object({ token: Type.String({ pattern: '^[a-z0-9]{64}$' }) }, { additionalProperties: false });
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };
const ICS = Type.String({ description: 'text/calendar (RFC 5545)' });

/** Events: the public calendar and registration, and the organisers' tools. */
export function eventRoutes(app: App, { database, config }: AppDeps) {
  const { db } = database;
  const links = { publicBaseUrl: config.publicBaseUrl };

  app.get(
    '/api/events',
    {
      config: { access: 'public' },
      schema: {
        tags: ['events'],
        summary: 'Published events (frukostmöten, workshops, nätverksträffar), upcoming first',
        querystring: EventListQuery,
        response: { 200: EventList, 400: Problem },
      },
    },
    async (request) => events.listEvents(db, request.query),
  );

  app.get(
    '/api/events/calendar.ics',
    {
      config: { access: 'public' },
      schema: {
        tags: ['events'],
        summary: 'All upcoming public events as an iCalendar feed',
        produces: ['text/calendar'],
        response: { 200: ICS },
      },
    },
    async (_request, reply) =>
      reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', 'inline; filename="lotsen-evenemang.ics"')
        .send(await events.upcomingCalendar(db, links)),
  );

  app.get(
    '/api/events/organised',
    {
      config: { access: ORGANISER_ROUTE_ROLES },
      schema: {
        tags: ['events'],
        summary: "My organisations' events, drafts included",
        querystring: Type.Object({ ...PageQuery }, { additionalProperties: false }),
        response: { 200: EventList, ...errors },
      },
    },
    async (request) =>
      events.listOrganised(db, principalOf(request), {
        limit: request.query.limit ?? 20,
        offset: request.query.offset ?? 0,
      }),
  );

  app.post(
    '/api/events',
    {
      config: { access: ORGANISER_ROUTE_ROLES },
      schema: {
        tags: ['events'],
        summary: 'Create an event (a draft) for my organisation',
        body: CreateEventRequest,
        response: { 201: EventResponse, ...errors },
      },
    },
    async (request, reply) => {
      const event = await events.createEvent(db, principalOf(request), request.body);
      return reply.code(201).header('location', `/api/events/${event.id}`).send(event);
    },
  );

  app.get(
    '/api/events/:id',
    {
      config: { access: 'public' },
      schema: {
        tags: ['events'],
        summary: 'One event (drafts only for the organiser)',
        params: EventParams,
        response: { 200: EventResponse, 400: Problem, 404: Problem },
      },
    },
    async (request) => events.getEvent(db, request.principal, request.params.id),
  );

  app.patch(
    '/api/events/:id',
    {
      config: { access: ORGANISER_ROUTE_ROLES },
      schema: {
        tags: ['events'],
        summary: 'Change an event; a larger capacity moves the waitlist up',
        params: EventParams,
        body: UpdateEventRequest,
        response: { 200: EventResponse, ...errors, 409: Problem },
      },
    },
    async (request) => events.updateEvent(db, principalOf(request), request.params.id, request.body, links),
  );

  app.post(
    '/api/events/:id/publish',
    {
      config: { access: ORGANISER_ROUTE_ROLES },
      schema: {
        tags: ['events'],
        summary: 'Publish a draft: it shows in the public list and takes registrations',
        params: EventParams,
        response: { 200: EventResponse, ...errors, 409: Problem },
      },
    },
    async (request) => events.publishEvent(db, principalOf(request), request.params.id),
  );

  app.post(
    '/api/events/:id/cancel',
    {
      config: { access: ORGANISER_ROUTE_ROLES },
      schema: {
        tags: ['events'],
        summary: 'Cancel the event and tell everyone registered',
        params: EventParams,
        response: { 200: EventResponse, ...errors },
      },
    },
    async (request) => events.cancelEvent(db, principalOf(request), request.params.id),
  );

  app.get(
    '/api/events/:id/calendar.ics',
    {
      config: { access: 'public' },
      schema: {
        tags: ['events'],
        summary: 'The event as an iCalendar file (RFC 5545)',
        params: EventParams,
        produces: ['text/calendar'],
        response: { 200: ICS, 400: Problem, 404: Problem },
      },
    },
    async (request, reply) =>
      reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', 'attachment; filename="evenemang.ics"')
        .send(await events.eventCalendar(db, request.params.id, links)),
  );

  app.post(
    '/api/events/:id/registrations',
    {
      config: {
        access: 'public',
        // Per address and event: enough for a company registering its staff, not for flooding one event.
        rateLimit: {
          max: 20,
          timeWindow: '1 minute',
          keyGenerator: (request) => `${request.ip}:${(request.params as { id?: string }).id ?? ''}`,
        },
      },
      bodyLimit: 16 * 1024,
      schema: {
        tags: ['events'],
        summary: 'Register for an event (name and e-mail; signed in as a company: for the company)',
        params: EventParams,
        body: RegisterRequest,
        response: { 201: RegistrationResult, 400: Problem, 404: Problem, 409: Problem, 429: Problem },
      },
    },
    async (request, reply) => {
      const result = await events.register(db, request.principal, request.params.id, request.body, links);
      return reply.code(201).header('cache-control', 'no-store').send(result);
    },
  );

  app.get(
    '/api/events/:id/registrations',
    {
      config: { access: ORGANISER_ROUTE_ROLES },
      schema: {
        tags: ['events'],
        summary: 'Who registered, in order, with the waitlist and attendance',
        params: EventParams,
        response: { 200: ListOf(RegistrationForStaff), ...errors },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return events.listRegistrations(db, principalOf(request), request.params.id);
    },
  );

  app.post(
    '/api/events/:id/registrations/:registrationId/attendance',
    {
      config: { access: ORGANISER_ROUTE_ROLES },
      schema: {
        tags: ['events'],
        summary: 'Mark whether a registered person came (counts in the strategy reach)',
        params: RegistrationParams,
        body: AttendanceRequest,
        response: { 200: ListOf(RegistrationForStaff), ...errors },
      },
    },
    async (request) =>
      events.markAttendance(
        db,
        principalOf(request),
        request.params.id,
        request.params.registrationId,
        request.body.attended,
      ),
  );

  app.get(
    '/api/event-registrations/:token',
    {
      config: { access: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags: ['events'],
        summary: 'A registration by the secret in its cancel link',
        params: TokenParams,
        response: { 200: RegistrationByTokenResponse, 400: Problem, 404: Problem, 429: Problem },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return events.registrationByToken(db, request.params.token);
    },
  );

  app.post(
    '/api/event-registrations/:token/cancel',
    {
      config: { access: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags: ['events'],
        summary: 'Cancel a registration with its secret link; the seat goes to the first on the waitlist',
        params: TokenParams,
        response: { 200: RegistrationByTokenResponse, 400: Problem, 404: Problem, 429: Problem },
      },
    },
    async (request) => events.cancelByToken(db, request.params.token, links),
  );
}
