import { Type } from 'typebox';
import { PageQuery, Problem } from '../../../contracts/common.js';
import { principalOf } from '../../http/principal.js';
import type { App, AppDeps } from '../../http/types.js';
import { listByStatus } from '../outbox/outbox.repository.js';
import { searchAuditLog } from './audit.service.js';

/** Admin views of what happened: the audit log, and e-mails that could not be sent. */
export function auditRoutes(app: App, { database }: AppDeps) {
  const { db } = database;

  app.get(
    '/api/admin/audit',
    {
      config: { access: ['org-admin', 'system-admin'] },
      schema: {
        tags: ['admin'],
        summary: 'Search the append-only audit log (organisation admins: their own organisation)',
        querystring: Type.Object(
          {
            entity: Type.Optional(Type.String({ maxLength: 40 })),
            entityId: Type.Optional(Type.String({ maxLength: 100 })),
            actorId: Type.Optional(Type.String({ format: 'uuid' })),
            action: Type.Optional(Type.String({ maxLength: 60 })),
            organisationId: Type.Optional(Type.String({ pattern: '^[a-z0-9-]{1,120}$' })),
            from: Type.Optional(Type.String({ format: 'date-time' })),
            to: Type.Optional(Type.String({ format: 'date-time' })),
            ...PageQuery,
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Array(
            Type.Object({
              id: Type.Integer(),
              at: Type.String(),
              actorId: Type.Union([Type.String(), Type.Null()]),
              actorKind: Type.String(),
              action: Type.String(),
              entity: Type.String(),
              entityId: Type.String(),
              organisationId: Type.Union([Type.String(), Type.Null()]),
              details: Type.Record(Type.String(), Type.Unknown()),
            }),
          ),
          400: Problem,
          401: Problem,
          403: Problem,
        },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { limit, offset, from, to, ...filter } = request.query;
      return searchAuditLog(
        db,
        principal,
        { ...filter, ...(from ? { from: new Date(from) } : {}), ...(to ? { to: new Date(to) } : {}) },
        { limit: limit ?? 50, offset: offset ?? 0 },
      );
    },
  );

  app.get(
    '/api/admin/outbox',
    {
      config: { access: ['system-admin'] },
      schema: {
        tags: ['admin'],
        summary: 'Outgoing messages by status; dead letters are those that failed every retry',
        querystring: Type.Object(
          { status: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('sent'), Type.Literal('dead')])) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Array(
            Type.Object({
              id: Type.Integer(),
              kind: Type.String(),
              to: Type.Union([Type.String(), Type.Null()]),
              subject: Type.Union([Type.String(), Type.Null()]),
              status: Type.String(),
              attempts: Type.Integer(),
              lastError: Type.Union([Type.String(), Type.Null()]),
              createdAt: Type.String(),
              nextAttemptAt: Type.String(),
            }),
          ),
          401: Problem,
          403: Problem,
        },
      },
    },
    async (request) =>
      (await listByStatus(db, request.query.status ?? 'dead')).map((m) => {
        const payload = m.payload as { to?: string; subject?: string };
        return {
          id: m.id,
          kind: m.kind,
          to: payload.to ?? null,
          subject: payload.subject ?? null,
          status: m.status,
          attempts: m.attempts,
          lastError: m.lastError,
          createdAt: m.createdAt.toISOString(),
          nextAttemptAt: m.nextAttemptAt.toISOString(),
        };
      }),
  );
}
