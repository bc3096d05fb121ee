/** The web app's pages and their Swedish paths. Pure, so it runs in unit tests. */
export type Route =
  | { page: 'start' }
  | { page: 'offerings' }
  | { page: 'offering'; id: string }
  | { page: 'organisations' }
  | { page: 'organisation'; id: string }
  | { page: 'strategies' }
  | { page: 'follow-up' }
  | { page: 'accessibility' }
  | { page: 'account' }
  | { page: 'staff-admin' }
  | { page: 'knowledge' }
  | { page: 'follow-case'; token: string }
  | { page: 'my-cases' }
  | { page: 'my-case'; id: string }
  | { page: 'inbox' }
  | { page: 'staff-case'; id: string }
  | { page: 'sites' }
  | { page: 'site'; id: string }
  | { page: 'events' }
  | { page: 'event'; id: string }
  | { page: 'cancel-registration'; token: string }
  | { page: 'inquiries' }
  | { page: 'organise-events' }
  | { page: 'inquiry'; id: string }
  | { page: 'matchmaking' }
  | { page: 'not-found' };

export const paths = {
  start: '/',
  offerings: '/erbjudanden',
  offering: (id: string) => `/erbjudanden/${encodeURIComponent(id)}`,
  organisations: '/organisationer',
  organisation: (id: string) => `/organisationer/${encodeURIComponent(id)}`,
  strategies: '/strategier',
  followUp: '/strategier/uppfoljning',
  accessibility: '/tillganglighet',
  account: '/konto',
  staffAdmin: '/medarbetare',
  knowledge: '/admin/kunskap',
  followCase: (token: string) => `/folj/${encodeURIComponent(token)}`,
  myCases: '/mina-arenden',
  myCase: (id: string) => `/mina-arenden/${encodeURIComponent(id)}`,
  inbox: '/handlaggning',
  staffCase: (id: string) => `/handlaggning/${encodeURIComponent(id)}`,
  sites: '/etablering',
  site: (id: string) => `/etablering/${encodeURIComponent(id)}`,
  events: '/evenemang',
  event: (id: string) => `/evenemang/${encodeURIComponent(id)}`,
  cancelRegistration: (token: string) => `/avbokning/${encodeURIComponent(token)}`,
  inquiries: '/investeringar',
  organiseEvents: '/evenemang/arrangera',
  inquiry: (id: string) => `/investeringar/${encodeURIComponent(id)}`,
  matchmaking: '/matchning',
} as const;

const ID = /^[a-z0-9][a-z0-9-]{0,119}$/;
/** The secret of a follow link: 32 random bytes, base64url (mixed case, so not an ID). */
const FOLLOW_TOKEN = /^\/folj\/([A-Za-z0-9_-]{43})\/?$/;

/** The page for a pathname; a trailing slash is ignored, an unknown path is `not-found`. */
export function matchRoute(pathname: string): Route {
  const follow = FOLLOW_TOKEN.exec(pathname);
  if (follow?.[1]) return { page: 'follow-case', token: follow[1] };
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
      if (id === 'uppfoljning') return { page: 'follow-up' };
      return id ? { page: 'not-found' } : { page: 'strategies' };
    case 'tillganglighet':
      return id ? { page: 'not-found' } : { page: 'accessibility' };
    case 'konto':
      return id ? { page: 'not-found' } : { page: 'account' };
    case 'medarbetare':
      return id ? { page: 'not-found' } : { page: 'staff-admin' };
    case 'admin':
      return id === 'kunskap' ? { page: 'knowledge' } : { page: 'not-found' };
    case 'mina-arenden':
      return id ? { page: 'my-case', id } : { page: 'my-cases' };
    case 'handlaggning':
      return id ? { page: 'staff-case', id } : { page: 'inbox' };
    case 'etablering':
      return id ? { page: 'site', id } : { page: 'sites' };
    case 'evenemang':
      if (id === 'arrangera') return { page: 'organise-events' };
      return id ? { page: 'event', id } : { page: 'events' };
    case 'investeringar':
      return id ? { page: 'inquiry', id } : { page: 'inquiries' };
    case 'matchning':
      return id ? { page: 'not-found' } : { page: 'matchmaking' };
    case 'avbokning':
      return id ? { page: 'cancel-registration', token: id } : { page: 'not-found' };
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
