import type { MeResponse, StaffMemberResponse } from '../../../contracts/access.js';
import { ApiError, getJson, toApiError } from '../../lib/api.js';

export type { MeResponse, StaffMemberResponse };

// The session's CSRF token, from /api/me; every POST, PUT, PATCH and DELETE sends it as x-csrf-token.
let csrfToken: string | null = null;

/** The signed-in person, or null when nobody is signed in. */
export async function loadMe(signal?: AbortSignal): Promise<MeResponse | null> {
  try {
    const me = await getJson<MeResponse>('/api/me', signal);
    csrfToken = me.csrfToken;
    return me;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      csrfToken = null;
      return null;
    }
    throw error;
  }
}

/** A state-changing call with the session's CSRF token. */
export async function send<T>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
  if (csrfToken === null) await loadMe();
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: {
        accept: 'application/json',
        ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', 'no response');
  }
  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw toApiError(response.status, payload);
  return payload as T;
}

/** Where the browser goes to sign in; it comes back to `returnTo`. */
export function loginUrl(as: 'company' | 'staff', returnTo: string): string {
  return `/auth/login?as=${as}&returnTo=${encodeURIComponent(returnTo)}`;
}

/** Ends the session here, then sends the browser to the IdP to end it there too. */
export async function logout(): Promise<void> {
  const { logoutUrl } = await send<{ logoutUrl: string }>('POST', '/auth/logout');
  csrfToken = null;
  window.location.assign(logoutUrl);
}
