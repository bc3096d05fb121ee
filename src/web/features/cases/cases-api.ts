import type {
  AssigneeListResponse,
  CaseListResponse,
  CaseResponse,
  CaseSummaryResponse,
  SubmitCaseRequest,
} from '../../../contracts/cases.js';
import { ApiError, toApiError } from '../../lib/api.js';
import { loadMe } from '../access/access-api.js';

export type { AssigneeListResponse, CaseListResponse, CaseResponse, CaseSummaryResponse, SubmitCaseRequest };
export type Assignee = AssigneeListResponse['items'][number];
export type CaseEvent = CaseResponse['timeline'][number];
export type CasePart = CaseResponse['parts'][number];
export type CaseDocument = CaseResponse['documents'][number];
export type Consent = CaseResponse['consents'][number];

export interface SubmitCaseAnswer {
  case: CaseResponse;
  followUrl?: string;
}

export interface AnonymousInquiry {
  id: string;
  from: { id: string; name: string };
  to: { id: string; name: string };
  offeringId: string | null;
  inquiry: string;
  createdAt: string;
}

// The session's CSRF token, asked for once per page load; null when nobody is signed in (the
// server then needs none, only a same-origin request).
let csrf: Promise<string | null> | undefined;

function csrfToken(): Promise<string | null> {
  csrf ??= loadMe().then(
    (me) => me?.csrfToken ?? null,
    () => {
      csrf = undefined;
      return null;
    },
  );
  return csrf;
}

interface SendOptions {
  /** JSON body, or a file sent as the raw request body with its own Content-Type. */
  body?: unknown;
  file?: { content: Blob; contentType: string };
  headers?: Record<string, string>;
}

/**
 * A state-changing call of the cases API: the CSRF token when signed in, Idempotency-Key and
 * If-Match when given. Errors arrive as ApiError with the problem's code.
 */
export async function sendCase<T>(method: 'POST' | 'DELETE', path: string, options: SendOptions = {}): Promise<T> {
  const attempt = async (token: string | null) => {
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    if (token) headers['x-csrf-token'] = token;
    let body: BodyInit | undefined;
    if (options.file) {
      headers['content-type'] = options.file.contentType;
      body = options.file.content;
    } else if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    try {
      return await fetch(path, { method, headers, body });
    } catch {
      throw new ApiError(0, 'network', 'no response');
    }
  };
  let response = await attempt(await csrfToken());
  if (response.status === 403) {
    // The session may have changed since the token was read (signed in in another tab): once more.
    const payload: unknown = await response
      .clone()
      .json()
      .catch(() => undefined);
    if ((payload as { code?: string } | undefined)?.code === 'csrf_failed') {
      csrf = undefined;
      response = await attempt(await csrfToken());
    }
  }
  const payload: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw toApiError(response.status, payload);
  return payload as T;
}

/** The If-Match value for a case's or part's version (the server's ETag is `W/"n"`). */
export const ifMatch = (version: number) => ({ 'if-match': `W/"${version}"` });

/** A new Idempotency-Key: made once per form, sent again on every retry of that form. */
export function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && 'randomUUID' in crypto) return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`;
}

export function submitCase(request: SubmitCaseRequest, idempotencyKey: string): Promise<SubmitCaseAnswer> {
  return sendCase<SubmitCaseAnswer>('POST', '/api/cases', {
    body: request,
    headers: { 'idempotency-key': idempotencyKey },
  });
}
