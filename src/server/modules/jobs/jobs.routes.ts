import { Type } from 'typebox';
import { Problem } from '../../../contracts/common.js';
import { JobResponse } from '../../../contracts/jobs.js';
import { principalOf } from '../../http/principal.js';
import type { App, AppDeps } from '../../http/types.js';
import { STAFF_ROLES } from '../access/access.policies.js';
import * as jobs from './jobs.service.js';

const errors = { 401: Problem, 403: Problem, 404: Problem, 409: Problem };
const Params = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });

/** Background jobs: the person who started one polls it and fetches its file. */
export function jobRoutes(app: App, { database }: AppDeps) {
  const { db } = database;
  const tags = ['jobs'];

  app.get(
    '/api/jobs/:id',
    {
      config: { access: STAFF_ROLES },
      schema: {
        tags,
        summary: 'A background job you started: status and progress (0–100); poll until done or failed',
        params: Params,
        response: { 200: JobResponse, ...errors },
      },
    },
    async (request) => jobs.getJob(db, principalOf(request), request.params.id),
  );

  app.get(
    '/api/jobs/:id/result',
    {
      config: { access: STAFF_ROLES },
      schema: {
        tags,
        summary: 'The file a finished job made',
        params: Params,
        response: { 200: Type.Unknown({ description: 'the file (XLSX, PDF …)' }), ...errors },
      },
    },
    async (request, reply) => {
      const file = await jobs.jobResult(db, principalOf(request), request.params.id);
      return reply
        .type(file.contentType)
        .header('content-disposition', `attachment; filename="${file.fileName.replace(/[^\w.-]/g, '_')}"`)
        .send(Buffer.from(file.bytes));
    },
  );
}
