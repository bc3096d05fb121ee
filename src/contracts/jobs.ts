import { type Static, Type } from 'typebox';

/** Background jobs (reports, exports, imports): what the client polls while it waits, or later. */
export const JOB_STATUSES = ['queued', 'running', 'done', 'failed'] as const;

export const JobResponse = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    kind: Type.String(),
    status: Type.Unsafe<(typeof JOB_STATUSES)[number]>(Type.String({ enum: [...JOB_STATUSES] })),
    progress: Type.Integer({ minimum: 0, maximum: 100 }),
    /** When done with a file: where to fetch it, and what it is. */
    result: Type.Union([
      Type.Object(
        { url: Type.String(), fileName: Type.String(), contentType: Type.String(), bytes: Type.Integer() },
        { additionalProperties: false },
      ),
      Type.Null(),
    ]),
    error: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.String({ format: 'date-time' }),
    finishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { additionalProperties: false },
);

export type JobResponse = Static<typeof JobResponse>;
