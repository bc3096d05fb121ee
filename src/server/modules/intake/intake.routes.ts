import { Type } from 'typebox';
import { Problem } from '../../../contracts/common.js';
import { IntakeChoice, IntakeRequest, IntakeResponse, RoutingCorrectionRequest } from '../../../contracts/intake.js';
import type { App, AppDeps } from '../../http/types.js';
import * as intake from './intake.service.js';

const IntakeParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });

/** The front door: route a need, read the answer back, record the choice, correct the routing. */
export function intakeRoutes(app: App, { database }: AppDeps, routers: intake.RouterCache) {
  const { db } = database;

  app.post(
    '/api/intake/route',
    {
      config: { access: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
      bodyLimit: 16 * 1024,
      schema: {
        tags: ['intake'],
        summary: 'Route a need, described in the company’s own words, to at most five offerings',
        body: IntakeRequest,
        response: { 201: IntakeResponse, 400: Problem, 413: Problem, 415: Problem, 429: Problem },
      },
    },
    async (request, reply) => {
      const result = await intake.routeIntake(db, await routers.get(), request.body);
      return reply.code(201).header('location', `/api/intake/${result.intakeId}`).send(result);
    },
  );

  app.get(
    '/api/intake/:id',
    {
      // The id is a random UUID only the requester was given: it works as the capability to read.
      config: { access: 'public', rateLimit: { max: 120, timeWindow: '1 minute' } },
      schema: {
        tags: ['intake'],
        summary: 'Read back a stored intake with the answer it got',
        params: IntakeParams,
        response: { 200: IntakeResponse, 400: Problem, 404: Problem },
      },
    },
    async (request) => intake.getIntake(db, request.params.id),
  );

  app.post(
    '/api/intake/:id/choice',
    {
      config: { access: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
      bodyLimit: 4 * 1024,
      schema: {
        tags: ['intake'],
        summary: 'Record which of the suggested offerings the company chose',
        params: IntakeParams,
        body: IntakeChoice,
        response: { 204: Type.Null(), 400: Problem, 404: Problem },
      },
    },
    async (request, reply) => {
      await intake.chooseOffering(db, request.params.id, request.body.offeringId);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/intake/:id/correction',
    {
      config: { access: ['coordinator', 'case-worker'] },
      bodyLimit: 4 * 1024,
      schema: {
        tags: ['intake'],
        summary: 'Re-route an intake to the right offering; the router learns from it',
        params: IntakeParams,
        body: RoutingCorrectionRequest,
        response: { 204: Type.Null(), 400: Problem, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (request, reply) => {
      await intake.correctIntake(db, request.params.id, request.body.offeringId, request.principal?.userId);
      routers.invalidate();
      return reply.code(204).send(null);
    },
  );
}
