import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, ERROR_CODES, type ErrorCode, type ErrorDetail } from '../errors.js';

const PROBLEM_TYPE_BASE = 'https://lotsen.se/problem/';

export function sendProblem(
  reply: FastifyReply,
  request: FastifyRequest,
  code: ErrorCode,
  detail: string,
  errors: ErrorDetail[] = [],
) {
  const { status, title } = ERROR_CODES[code];
  return reply
    .code(status)
    .type('application/problem+json; charset=utf-8')
    .send({
      type: `${PROBLEM_TYPE_BASE}${code}`,
      title,
      status,
      detail,
      code,
      instance: request.url.split('?')[0],
      ...(errors.length > 0 ? { errors } : {}),
    });
}

function fromFastifyError(error: FastifyError): { code: ErrorCode; detail: string; errors: ErrorDetail[] } {
  if (error.validation) {
    const where = error.validationContext ?? 'request';
    const errors = error.validation.map((v) => ({
      field: `${where}${v.instancePath || ''}`,
      message:
        v.keyword === 'additionalProperties'
          ? `okänt fält "${(v.params as { additionalProperty?: string }).additionalProperty}"`
          : (v.message ?? 'ogiltigt värde'),
    }));
    return { code: 'validation_failed', detail: 'Begäran har ogiltiga värden', errors };
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { code: 'payload_too_large', detail: 'Begäran är för stor', errors: [] };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        code: 'unsupported_media_type',
        detail: 'Innehållstypen stöds inte; skicka application/json',
        errors: [],
      };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { code: 'validation_failed', detail: 'Begärans innehåll saknas eller är ofullständigt', errors: [] };
  }
  if (error.statusCode === 400)
    return { code: 'validation_failed', detail: 'Begäran kunde inte läsas (ogiltig JSON?)', errors: [] };
  if (error.statusCode === 403) return { code: 'forbidden', detail: 'Åtkomst nekad', errors: [] };
  if (error.statusCode === 404) return { code: 'not_found', detail: error.message, errors: [] };
  if (error.statusCode === 413) return { code: 'payload_too_large', detail: 'Begäran är för stor', errors: [] };
  if (error.statusCode === 415)
    return { code: 'unsupported_media_type', detail: 'Innehållstypen stöds inte', errors: [] };
  if (error.statusCode === 429)
    return { code: 'rate_limited', detail: 'För många förfrågningar; försök igen om en stund', errors: [] };
  // Any other client error that a plugin raises is the client's, never a 500.
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500)
    return { code: 'validation_failed', detail: 'Begäran kunde inte behandlas', errors: [] };
  return { code: 'internal', detail: 'Något gick fel hos oss. Försök igen senare.', errors: [] };
}

/** Every error leaves as application/problem+json; a 5xx never shows its internals. */
export function registerProblemHandlers(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      if (ERROR_CODES[error.code].status >= 500) request.log.error({ err: error }, 'application error');
      return sendProblem(reply, request, error.code, error.message, error.details);
    }
    const { code, detail, errors } = fromFastifyError(error);
    if (ERROR_CODES[code].status >= 500) request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, request, code, detail, errors);
  });
}
