import { Type } from 'typebox';
import {
  AssigneeListResponse,
  AssignmentRuleList,
  AssignmentRuleRequest,
  AssignmentRuleResponse,
  AssignRequest,
  CaseListResponse,
  CaseResponse,
  ConsentRequest,
  InboxQuery,
  MessageRequest,
  ReferralRequest,
  SplitRequest,
  StatusChangeRequest,
  SubmitCaseRequest,
  SubmitCaseResponse,
} from '../../../contracts/cases.js';
import { ListOf, PageQuery, Problem } from '../../../contracts/common.js';
import { AppError } from '../../errors.js';
import { principalOf } from '../../http/principal.js';
import type { App, AppDeps } from '../../http/types.js';
import { toCsv, toXlsx } from '../../lib/xlsx.js';
import * as cases from './cases.service.js';

const CaseParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
const FollowParams = Type.Object(
  { token: Type.String({ pattern: '^[A-Za-z0-9_-]{43}$' }) },
  { additionalProperties: false },
);
const IfMatch = Type.Object({ 'if-match': Type.Optional(Type.String({ maxLength: 40 })) });
const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ minLength: 8, maxLength: 200, pattern: '^[\\x21-\\x7e]+$' })),
});
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };
const DocumentQuery = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 255 }),
    visibility: Type.Optional(Type.Union([Type.Literal('company'), Type.Literal('internal')])),
  },
  { additionalProperties: false },
);
const CompanyDocumentQuery = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 255 }) },
  { additionalProperties: false },
);
const DocumentParams = Type.Object(
  { id: Type.String({ format: 'uuid' }), documentId: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
);
const uploadErrors = { ...errors, 413: Problem, 415: Problem };
/** The raw upload: the document's bytes as the body, its type as Content-Type. */
function fileOf(request: { body: unknown; headers: Record<string, unknown>; query: { name: string } }) {
  if (!Buffer.isBuffer(request.body)) {
    throw new AppError('unsupported_media_type', 'Skicka filen som begärans innehåll med filens Content-Type');
  }
  return {
    name: request.query.name,
    contentType: String(request.headers['content-type'] ?? ''),
    content: request.body,
  };
}
const STAFF = ['case-worker', 'coordinator', 'org-admin', 'system-admin'] as const;
const ADMINS = ['org-admin', 'system-admin'] as const;
const OrganisationParams = Type.Object(
  { id: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,119}$' }) },
  { additionalProperties: false },
);

/** Cases: submit through the front door, the staff inbox and case page, Mina ärenden, the follow link. */
export function caseRoutes(app: App, { database, config }: AppDeps) {
  const { db } = database;
  const links = { publicBaseUrl: config.publicBaseUrl };

  // Documents arrive as their raw bytes; the service checks type, size and content.
  app.addContentTypeParser(
    Object.keys(cases.DOCUMENT_TYPES),
    { parseAs: 'buffer', bodyLimit: cases.MAX_DOCUMENT_BYTES },
    (_request, body, done) => done(null, body),
  );

  app.post(
    '/api/cases',
    {
      config: { access: 'public', rateLimit: { max: 20, timeWindow: '1 minute' } },
      bodyLimit: 64 * 1024,
      schema: {
        tags: ['cases'],
        summary: 'Submit a case for the chosen offering (signed in as a company, or with e-mail verification)',
        headers: IdempotencyHeaders,
        body: SubmitCaseRequest,
        response: { 200: SubmitCaseResponse, 201: SubmitCaseResponse, ...errors, 413: Problem, 429: Problem },
      },
    },
    async (request, reply) => {
      const result = await cases.submitCase(db, request.principal, request.body, {
        links,
        ...(request.headers['idempotency-key'] ? { idempotencyKey: request.headers['idempotency-key'] } : {}),
      });
      reply.header('etag', cases.etagOf(result.case.version));
      if (result.replayed) return reply.code(200).header('idempotent-replayed', 'true').send({ case: result.case });
      return reply
        .code(201)
        .header('location', `/api/cases/${result.case.id}`)
        .send({ case: result.case, ...(result.followUrl ? { followUrl: result.followUrl } : {}) });
    },
  );

  app.get(
    '/api/cases',
    {
      config: { access: STAFF },
      schema: {
        tags: ['cases'],
        summary: 'The inbox: cases of my organisation or unit (coordinators: all), filtered, sorted, paged',
        querystring: InboxQuery,
        response: { 200: CaseListResponse, ...errors },
      },
    },
    async (request) => cases.listInbox(db, principalOf(request), request.query),
  );

  app.get(
    '/api/cases/assignees',
    {
      config: { access: STAFF },
      schema: {
        tags: ['cases'],
        summary:
          'The staff whom the cases of my inbox (or one case, `caseId`) may be assigned to; each case is checked when assigned',
        querystring: Type.Object(
          { caseId: Type.Optional(Type.String({ format: 'uuid' })) },
          { additionalProperties: false },
        ),
        response: { 200: AssigneeListResponse, ...errors },
      },
    },
    async (request) => cases.listAssignees(db, principalOf(request), request.query.caseId),
  );

  app.get(
    '/api/cases/:id',
    {
      config: { access: STAFF },
      schema: {
        tags: ['cases'],
        summary: 'One case with its whole timeline (the read is audited)',
        params: CaseParams,
        response: { 200: CaseResponse, ...errors },
      },
    },
    async (request, reply) => {
      const found = await cases.getCaseForStaff(db, principalOf(request), request.params.id);
      reply.header('etag', cases.etagOf(found.version));
      return found;
    },
  );

  app.post(
    '/api/cases/:id/status',
    {
      config: { access: STAFF },
      schema: {
        tags: ['cases'],
        summary: 'Change the status (If-Match with the ETag required; illegal moves are refused)',
        params: CaseParams,
        headers: IfMatch,
        body: StatusChangeRequest,
        response: { 200: CaseResponse, ...errors, 409: Problem, 412: Problem, 428: Problem },
      },
    },
    async (request, reply) => {
      const updated = await cases.changeStatus(
        db,
        principalOf(request),
        request.params.id,
        { ...request.body, expectedVersion: cases.versionFromIfMatch(request.headers['if-match']) },
        links,
      );
      reply.header('etag', cases.etagOf(updated.version));
      return updated;
    },
  );

  app.post(
    '/api/cases/assign',
    {
      config: { access: STAFF },
      schema: {
        tags: ['cases'],
        summary: 'Assign one or many cases (bulk) to a handler, or unassign',
        body: AssignRequest,
        response: { 200: Type.Object({ assigned: Type.Integer() }), ...errors },
      },
    },
    async (request) => ({
      assigned: await cases.assignCases(db, principalOf(request), request.body.caseIds, request.body.assigneeId, links),
    }),
  );

  for (const kind of ['message', 'note'] as const) {
    app.post(
      `/api/cases/:id/${kind === 'message' ? 'messages' : 'notes'}`,
      {
        config: { access: STAFF },
        schema: {
          tags: ['cases'],
          summary:
            kind === 'message'
              ? 'Write to the company (shown in its view, e-mailed, with read receipt)'
              : 'Add an internal note (never shown to the company)',
          params: CaseParams,
          body: MessageRequest,
          response: { 201: CaseResponse, ...errors },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await cases.addStaffEntry(db, principalOf(request), request.params.id, kind, request.body.body, links)),
    );
  }

  app.get(
    '/api/my/cases',
    {
      config: { access: ['company'] },
      schema: {
        tags: ['cases'],
        summary: 'Mina ärenden: every case of the company I act for, across all organisations',
        querystring: Type.Object({ ...PageQuery }, { additionalProperties: false }),
        response: { 200: CaseListResponse, ...errors },
      },
    },
    async (request) =>
      cases.listMyCases(db, principalOf(request), {
        limit: request.query.limit ?? 20,
        offset: request.query.offset ?? 0,
      }),
  );

  app.get(
    '/api/my/cases/:id',
    {
      config: { access: ['company'] },
      schema: {
        tags: ['cases'],
        summary: 'One of my cases with its timeline (internal notes are never included)',
        params: CaseParams,
        response: { 200: CaseResponse, ...errors },
      },
    },
    async (request, reply) => {
      const found = await cases.getMyCase(db, principalOf(request), request.params.id);
      reply.header('etag', cases.etagOf(found.version));
      return found;
    },
  );

  app.post(
    '/api/my/cases/:id/replies',
    {
      config: { access: ['company'] },
      schema: {
        tags: ['cases'],
        summary: 'Reply in one of my cases',
        params: CaseParams,
        body: MessageRequest,
        response: { 201: CaseResponse, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await cases.replyAsCompany(db, principalOf(request), request.params.id, request.body.body)),
  );

  app.post(
    '/api/my/cases/:id/withdraw',
    {
      config: { access: ['company'] },
      schema: {
        tags: ['cases'],
        summary: 'Withdraw one of my cases (If-Match required)',
        params: CaseParams,
        headers: IfMatch,
        response: { 200: CaseResponse, ...errors, 409: Problem, 412: Problem, 428: Problem },
      },
    },
    async (request) =>
      cases.withdrawAsCompany(
        db,
        principalOf(request),
        request.params.id,
        cases.versionFromIfMatch(request.headers['if-match']),
      ),
  );

  // The secret follow link works as the capability for a company that did not sign in.
  app.get(
    '/api/follow/:token',
    {
      config: { access: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags: ['cases'],
        summary: 'Follow a case by its secret link (verifies the e-mail address the first time)',
        params: FollowParams,
        response: { 200: CaseResponse, 400: Problem, 404: Problem },
      },
    },
    async (request, reply) => {
      const found = await cases.followCase(db, request.params.token);
      reply.header('etag', cases.etagOf(found.version));
      return found;
    },
  );

  app.post(
    '/api/follow/:token/replies',
    {
      config: { access: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags: ['cases'],
        summary: 'Reply in a case followed by its secret link',
        params: FollowParams,
        body: MessageRequest,
        response: { 201: CaseResponse, 400: Problem, 404: Problem },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await cases.replyByFollowLink(db, request.params.token, request.body.body)),
  );

  app.post(
    '/api/follow/:token/withdraw',
    {
      config: { access: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags: ['cases'],
        summary: 'Withdraw a case followed by its secret link (If-Match required)',
        params: FollowParams,
        headers: IfMatch,
        response: { 200: CaseResponse, 400: Problem, 404: Problem, 409: Problem, 412: Problem, 428: Problem },
      },
    },
    async (request, reply) => {
      const updated = await cases.withdrawByFollowLink(
        db,
        request.params.token,
        cases.versionFromIfMatch(request.headers['if-match']),
      );
      reply.header('etag', cases.etagOf(updated.version));
      return updated;
    },
  );

  app.get(
    '/api/organisations/:id/assignment-rules',
    {
      config: { access: ADMINS },
      schema: {
        tags: ['cases'],
        summary: "The organisation's auto-assignment rules for new cases (organisation admins)",
        params: OrganisationParams,
        response: { 200: AssignmentRuleList, ...errors },
      },
    },
    async (request) => cases.listAssignmentRules(db, principalOf(request), request.params.id),
  );

  app.post(
    '/api/organisations/:id/assignment-rules',
    {
      config: { access: ADMINS },
      schema: {
        tags: ['cases'],
        summary: 'Adds an auto-assignment rule: new cases matching unit, municipality and offering go to the assignee',
        params: OrganisationParams,
        body: AssignmentRuleRequest,
        response: { 201: AssignmentRuleResponse, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await cases.createAssignmentRule(db, principalOf(request), request.params.id, request.body)),
  );

  app.delete(
    '/api/assignment-rules/:id',
    {
      config: { access: ADMINS },
      schema: {
        tags: ['cases'],
        summary: 'Removes an auto-assignment rule',
        params: CaseParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await cases.deleteAssignmentRule(db, principalOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/cases/:id/parts',
    {
      config: { access: ['coordinator', 'system-admin'] },
      schema: {
        tags: ['cases'],
        summary: 'Split a case into parallel parts at other units or organisations',
        params: CaseParams,
        body: SplitRequest,
        response: { 201: CaseResponse, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(
        await cases.splitCase(
          db,
          principalOf(request),
          request.params.id,
          request.body.parts.map((p) => p.offeringId),
        ),
      ),
  );

  app.post(
    '/api/cases/:id/parts/:partId/status',
    {
      config: { access: STAFF },
      schema: {
        tags: ['cases'],
        summary: "Change a part's status (If-Match with the part's version required)",
        params: Type.Object(
          { id: Type.String({ format: 'uuid' }), partId: Type.String({ format: 'uuid' }) },
          { additionalProperties: false },
        ),
        headers: IfMatch,
        body: StatusChangeRequest,
        response: { 200: CaseResponse, ...errors, 409: Problem, 412: Problem, 428: Problem },
      },
    },
    async (request) =>
      cases.changePartStatus(
        db,
        principalOf(request),
        request.params.id,
        request.params.partId,
        { status: request.body.status, expectedVersion: cases.versionFromIfMatch(request.headers['if-match']) },
        links,
      ),
  );

  app.post(
    '/api/cases/:id/referrals',
    {
      config: { access: STAFF },
      schema: {
        tags: ['cases'],
        summary: "Refer the case to another organisation (full: with the company's consent; else an anonymous inquiry)",
        params: CaseParams,
        body: ReferralRequest,
        response: { 201: CaseResponse, ...errors, 409: Problem },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await cases.referCase(db, principalOf(request), request.params.id, request.body)),
  );

  app.get(
    '/api/referrals/anonymous',
    {
      config: { access: STAFF },
      schema: {
        tags: ['cases'],
        summary: 'Anonymous inquiries sent to my organisation (no company data)',
        querystring: Type.Object({ ...PageQuery }, { additionalProperties: false }),
        response: {
          200: Type.Array(
            Type.Object({
              id: Type.String(),
              from: Type.Object({ id: Type.String(), name: Type.String() }),
              to: Type.Object({ id: Type.String(), name: Type.String() }),
              offeringId: Type.Union([Type.String(), Type.Null()]),
              inquiry: Type.String(),
              createdAt: Type.String(),
            }),
          ),
          ...errors,
        },
      },
    },
    async (request) =>
      cases.anonymousInquiries(db, principalOf(request), {
        limit: request.query.limit ?? 20,
        offset: request.query.offset ?? 0,
      }),
  );

  app.post(
    '/api/my/cases/:id/consents',
    {
      config: { access: ['company'] },
      schema: {
        tags: ['cases'],
        summary: 'Consent to sharing the case with an organisation (to whom, what; the time is recorded)',
        params: CaseParams,
        body: ConsentRequest,
        response: { 201: CaseResponse, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await cases.giveConsentAsCompany(db, principalOf(request), request.params.id, request.body)),
  );

  app.delete(
    '/api/my/cases/:id/consents/:consentId',
    {
      config: { access: ['company'] },
      schema: {
        tags: ['cases'],
        summary: 'Revoke a consent',
        params: Type.Object(
          { id: Type.String({ format: 'uuid' }), consentId: Type.String({ format: 'uuid' }) },
          { additionalProperties: false },
        ),
        response: { 200: CaseResponse, ...errors },
      },
    },
    async (request) =>
      cases.revokeConsentAsCompany(db, principalOf(request), request.params.id, request.params.consentId),
  );

  app.post(
    '/api/follow/:token/consents',
    {
      config: { access: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags: ['cases'],
        summary: 'Consent to sharing a case followed by its secret link',
        params: FollowParams,
        body: ConsentRequest,
        response: { 201: CaseResponse, 400: Problem, 404: Problem },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await cases.giveConsentByFollowLink(db, request.params.token, request.body)),
  );

  app.post(
    '/api/cases/:id/documents',
    {
      config: { access: STAFF },
      schema: {
        tags: ['cases'],
        summary: 'Upload a document (raw body; PDF, PNG, JPEG, text, Word, Excel, ODT; at most 10 MB)',
        params: CaseParams,
        querystring: DocumentQuery,
        response: { 201: CaseResponse, ...uploadErrors },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await cases.uploadAsStaff(
            db,
            principalOf(request),
            request.params.id,
            fileOf(request),
            request.query.visibility ?? 'internal',
          ),
        ),
  );

  app.post(
    '/api/my/cases/:id/documents',
    {
      config: { access: ['company'] },
      schema: {
        tags: ['cases'],
        summary: 'Upload a document to one of my cases (raw body; at most 10 MB)',
        params: CaseParams,
        querystring: CompanyDocumentQuery,
        response: { 201: CaseResponse, ...uploadErrors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await cases.uploadAsCompany(db, principalOf(request), request.params.id, fileOf(request))),
  );

  app.post(
    '/api/follow/:token/documents',
    {
      config: { access: 'public', rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags: ['cases'],
        summary: 'Upload a document to a case followed by its secret link',
        params: FollowParams,
        querystring: CompanyDocumentQuery,
        response: { 201: CaseResponse, 400: Problem, 404: Problem, 413: Problem, 415: Problem },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await cases.uploadByFollowLink(db, request.params.token, fileOf(request))),
  );

  const disposition = (fileName: string) => `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`;

  app.get(
    '/api/cases/:id/documents/:documentId',
    {
      config: { access: STAFF },
      schema: {
        tags: ['cases'],
        summary: 'Download a document (the read is audited)',
        params: DocumentParams,
        response: { 200: Type.Unknown({ description: 'the document' }), ...errors },
      },
    },
    async (request, reply) => {
      const doc = await cases.documentForStaff(db, principalOf(request), request.params.id, request.params.documentId);
      return reply.header('content-disposition', disposition(doc.fileName)).type(doc.contentType).send(doc.content);
    },
  );

  app.get(
    '/api/my/cases/:id/documents/:documentId',
    {
      config: { access: ['company'] },
      schema: {
        tags: ['cases'],
        summary: 'Download a document of one of my cases',
        params: DocumentParams,
        response: { 200: Type.Unknown({ description: 'the document' }), ...errors },
      },
    },
    async (request, reply) => {
      const doc = await cases.documentForCompany(
        db,
        principalOf(request),
        request.params.id,
        request.params.documentId,
      );
      return reply.header('content-disposition', disposition(doc.fileName)).type(doc.contentType).send(doc.content);
    },
  );

  for (const format of ['csv', 'xlsx'] as const) {
    app.get(
      `/api/cases/export.${format}`,
      {
        config: { access: STAFF },
        schema: {
          tags: ['cases'],
          summary: `The inbox as ${format.toUpperCase()} (same filters; at most 10,000 rows; audited)`,
          querystring: InboxQuery,
          response: { 200: Type.Unknown({ description: `a ${format.toUpperCase()} file` }), ...errors },
        },
      },
      async (request, reply) => {
        const { header, rows } = await cases.exportRows(db, principalOf(request), request.query);
        const stamp = new Date().toISOString().slice(0, 10);
        reply.header('content-disposition', `attachment; filename="arenden-${stamp}.${format}"`);
        if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(toCsv(header, rows));
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .send(Buffer.from(toXlsx('Ärenden', header, rows)));
      },
    );
  }

  app.get(
    '/api/cases/:id/archive',
    {
      config: { access: ['case-worker', 'org-admin', 'system-admin'] },
      schema: {
        tags: ['cases'],
        summary: 'A closed case as an archive package (zip: FGS Ärendehantering / E-ARK CITS ERMS)',
        params: CaseParams,
        response: { 200: Type.Unknown({ description: 'application/zip' }), ...errors, 409: Problem },
      },
    },
    async (request, reply) => {
      const { diarienummer, zip } = await cases.archiveCase(db, principalOf(request), request.params.id);
      const name = diarienummer.replace(/[^\w]+/g, '-');
      return reply
        .header('content-disposition', `attachment; filename="${name}.zip"`)
        .type('application/zip')
        .send(Buffer.from(zip));
    },
  );

  app.post(
    '/api/admin/retention',
    {
      config: { access: ['system-admin'] },
      schema: {
        tags: ['cases'],
        summary: 'Gallring: report (dryRun, the default) or delete/anonymise what is due by each case type’s rule',
        querystring: Type.Object(
          { apply: Type.Optional(Type.Boolean({ default: false })) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            dryRun: Type.Boolean(),
            checkedAt: Type.String(),
            items: Type.Array(
              Type.Object({
                caseId: Type.String(),
                diarienummer: Type.String(),
                caseType: Type.String(),
                closedAt: Type.String(),
                action: Type.Union([Type.Literal('delete'), Type.Literal('anonymise')]),
              }),
            ),
          }),
          ...errors,
        },
      },
    },
    async (request) =>
      cases.retention(db, { apply: request.query.apply ?? false, actorId: principalOf(request).userId }),
  );

  app.delete(
    '/api/follow/:token/consents/:consentId',
    {
      config: { access: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags: ['cases'],
        summary: 'Revoke a consent on a case followed by its secret link',
        params: Type.Object(
          { token: Type.String({ pattern: '^[A-Za-z0-9_-]{43}$' }), consentId: Type.String({ format: 'uuid' }) },
          { additionalProperties: false },
        ),
        response: { 200: CaseResponse, 400: Problem, 404: Problem },
      },
    },
    async (request) => cases.revokeConsentByFollowLink(db, request.params.token, request.params.consentId),
  );

  app.get(
    '/api/follow/:token/documents/:documentId',
    {
      config: { access: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags: ['cases'],
        summary: 'Download a document of a case followed by its secret link',
        params: Type.Object(
          { token: Type.String({ pattern: '^[A-Za-z0-9_-]{43}$' }), documentId: Type.String({ format: 'uuid' }) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Unknown({ description: 'the document' }), 400: Problem, 404: Problem },
      },
    },
    async (request, reply) => {
      const doc = await cases.documentByFollowLink(db, request.params.token, request.params.documentId);
      return reply.header('content-disposition', disposition(doc.fileName)).type(doc.contentType).send(doc.content);
    },
  );
}
