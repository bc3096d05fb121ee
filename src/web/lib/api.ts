/** The web client's calls to Lotsen's API; errors arrive as application/problem+json. */
export interface FieldError {
  field?: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    /** The problem's code (`validation_failed`, `rate_limited` …), or `network` when no answer came. */
    readonly code: string,
    readonly detail: string,
    readonly errors: FieldError[] = [],
  ) {
    super(detail);
    this.name = 'ApiError';
  }
}

async function request<T>(method: 'GET' | 'POST', path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers:
        body === undefined
          ? { accept: 'application/json' }
          : { 'content-type': 'application/json', accept: 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(0, 'network', 'no response');
  }
  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw toApiError(response.status, payload);
  return payload as T;
}

/** A problem+json body as an ApiError; anything else becomes a generic error with the status. */
export function toApiError(status: number, payload: unknown): ApiError {
  if (payload && typeof payload === 'object') {
    const p = payload as { code?: unknown; detail?: unknown; title?: unknown; errors?: unknown };
    const errors = Array.isArray(p.errors)
      ? p.errors.filter((e): e is FieldError => !!e && typeof e === 'object' && typeof e.message === 'string')
      : [];
    const detail = typeof p.detail === 'string' ? p.detail : typeof p.title === 'string' ? p.title : '';
    if (typeof p.code === 'string') return new ApiError(status, p.code, detail, errors);
  }
  return new ApiError(status, status >= 500 ? 'internal' : 'unknown', '');
}

export const getJson = <T>(path: string, signal?: AbortSignal) => request<T>('GET', path, undefined, signal);
export const postJson = <T>(path: string, body: unknown) => request<T>('POST', path, body);

/** `?a=1&b=x` from the given values, leaving out empty ones. */
export function queryString(values: Record<string, string | number | undefined | null>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** The API's list shape: one page of items and the total. */
export interface ListResponse<T> {
  items: T[];
  total: number;
}
