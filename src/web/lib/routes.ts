/** The web app's pages and their Swedish paths. Pure, so it runs in unit tests. */
export type Route =
  | { page: 'start' }
  | { page: 'offerings' }
  | { page: 'offering'; id: string }
  | { page: 'organisations' }
  | { page: 'organisation'; id: string }
  | { page: 'strategies' }
  | { page: 'accessibility' }
  | { page: 'account' }
  | { page: 'staff-admin' }
  | { page: 'not-found' };

export const paths = {
  start: '/',
  offerings: '/erbjudanden',
  offering: (id: string) => `/erbjudanden/${encodeURIComponent(id)}`,
  organisations: '/organisationer',
  organisation: (id: string) => `/organisationer/${encodeURIComponent(id)}`,
  strategies: '/strategier',
  accessibility: '/tillganglighet',
  account: '/konto',
  staffAdmin: '/medarbetare',
} as const;

const ID = /^[a-z0-9][a-z0-9-]{0,119}$/;

/** The page for a pathname; a trailing slash is ignored, an unknown path is `not-found`. */
export function matchRoute(pathname: string): Route {
  const parts = pathname.split('/').filter((p) => p !== '');
  const [first, second, ...rest] = parts;
  if (rest.length > 0) return { page: 'not-found' };
  if (first === undefined) return { page: 'start' };
  const id = second === undefined ? undefined : safeDecode(second);
  if (second !== undefined && (id === undefined || !ID.test(id))) return { page: 'not-found' };
  switch (first) {
    case 'erbjudanden':
      return id ? { page: 'offering', id } : { page: 'offerings' };
    case 'organisationer':
      return id ? { page: 'organisation', id } : { page: 'organisations' };
    case 'strategier':
      return id ? { page: 'not-found' } : { page: 'strategies' };
    case 'tillganglighet':
      return id ? { page: 'not-found' } : { page: 'accessibility' };
    case 'konto':
      return id ? { page: 'not-found' } : { page: 'account' };
    case 'medarbetare':
      return id ? { page: 'not-found' } : { page: 'staff-admin' };
    default:
      return { page: 'not-found' };
  }
}

function safeDecode(part: string): string | undefined {
  try {
    return decodeURIComponent(part);
  } catch {
    return undefined;
  }
}
