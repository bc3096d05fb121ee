import type { Language } from '../../i18n/language.js';

/**
 * The cases pages' rules apart from React: dates, labels, upload checks and the inbox filters as
 * they live in the URL. Pure, so it runs in unit tests.
 */

/** The document types the server takes, by Content-Type, with the file endings that mean them. */
export const DOCUMENT_TYPES: Record<string, string[]> = {
  'application/pdf': ['pdf'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'text/plain': ['txt'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
  'application/vnd.oasis.opendocument.text': ['odt'],
};
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
export const DOCUMENT_ACCEPT = Object.values(DOCUMENT_TYPES)
  .flat()
  .map((e) => `.${e}`)
  .join(',');

export type UploadProblem = 'empty' | 'too-large' | 'type';

/**
 * The Content-Type to send a chosen file with, or why it cannot be sent. Browsers leave `type`
 * empty for some office files, so the file ending decides then.
 */
export function documentContentType(file: {
  name: string;
  type: string;
  size: number;
}): { contentType: string } | { problem: UploadProblem } {
  if (file.size === 0) return { problem: 'empty' };
  if (file.size > MAX_DOCUMENT_BYTES) return { problem: 'too-large' };
  const declared = file.type.split(';')[0]?.trim().toLowerCase() ?? '';
  if (DOCUMENT_TYPES[declared]) return { contentType: declared };
  const ending = file.name.toLowerCase().split('.').pop() ?? '';
  const byEnding = Object.entries(DOCUMENT_TYPES).find(([, endings]) => endings.includes(ending));
  return byEnding ? { contentType: byEnding[0] } : { problem: 'type' };
}

/** "12 kB", "3,4 MB" */
export function fileSize(bytes: number, language: Language): string {
  const locale = language === 'sv' ? 'sv-SE' : 'en-GB';
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024)).toLocaleString(locale)} kB`;
  return `${(bytes / (1024 * 1024)).toLocaleString(locale, { maximumFractionDigits: 1 })} MB`;
}

const locale = (language: Language) => (language === 'sv' ? 'sv-SE' : 'en-GB');

/** A calendar date (`2026-06-15`) as "15 juni 2026". */
export function formatDay(day: string, language: Language): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return day;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 12));
  return new Intl.DateTimeFormat(locale(language), {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}

/** A moment (ISO timestamp) as Swedish time: "15 juni 2026 14:05". */
export function formatMoment(iso: string, language: Language): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(language), {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Stockholm',
  }).format(date);
}

/** The label of a status object as the server sends it, in the reader's language. */
export function statusLabel(status: { code: string; sv: string; en: string }, language: Language): string {
  return (language === 'en' ? status.en : status.sv) || status.code;
}

/** The inbox's filters as they live in the page's URL (Swedish parameter names). */
export interface InboxFilters {
  /** Open cases when absent (and no status is chosen); closed ones, or all. */
  state?: 'closed' | 'all';
  status?: string;
  overdue?: boolean;
  /** `me`, `none`, a colleague's id, or empty for everyone */
  assignee?: string;
  offering?: string;
  /** kommunkod */
  municipality?: string;
  sort: InboxSort;
  /** 1-based */
  page: number;
}

export const INBOX_SORTS = ['due', 'received', '-received', 'status'] as const;
export type InboxSort = (typeof INBOX_SORTS)[number];
export const INBOX_PAGE_SIZE = 20;
const CODE = /^[a-z0-9-]{1,120}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseInboxFilters(search: string): InboxFilters {
  const params = new URLSearchParams(search);
  const filters: InboxFilters = { sort: 'due', page: 1 };
  const status = params.get('status');
  if (status && /^[a-z-]{1,40}$/.test(status)) filters.status = status;
  const state = params.get('visa');
  if (state === 'avslutade') filters.state = 'closed';
  else if (state === 'alla') filters.state = 'all';
  if (params.get('forsenade') === 'ja') filters.overdue = true;
  const assignee = params.get('handlaggare');
  if (assignee === 'me' || assignee === 'none' || (assignee && UUID.test(assignee))) filters.assignee = assignee;
  const offering = params.get('erbjudande');
  if (offering && CODE.test(offering)) filters.offering = offering;
  const municipality = params.get('kommun');
  if (municipality && /^\d{4}$/.test(municipality)) filters.municipality = municipality;
  const sort = INBOX_SORTS.find((s) => s === params.get('sortering'));
  if (sort) filters.sort = sort;
  const page = Number(params.get('sida'));
  if (Number.isInteger(page) && page > 1 && page <= 50_000) filters.page = page;
  return filters;
}

/** The page's query string for the filters, e.g. `?status=mottaget&forsenade=ja`. */
export function inboxSearch(filters: InboxFilters): string {
  const params = new URLSearchParams();
  if (filters.state) params.set('visa', filters.state === 'closed' ? 'avslutade' : 'alla');
  if (filters.status) params.set('status', filters.status);
  if (filters.overdue) params.set('forsenade', 'ja');
  if (filters.assignee) params.set('handlaggare', filters.assignee);
  if (filters.offering) params.set('erbjudande', filters.offering);
  if (filters.municipality) params.set('kommun', filters.municipality);
  if (filters.sort !== 'due') params.set('sortering', filters.sort);
  if (filters.page > 1) params.set('sida', String(filters.page));
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** The API path for one page of the filtered inbox. */
export function inboxApiPath(filters: InboxFilters): string {
  const params = new URLSearchParams();
  if (filters.state) params.set('state', filters.state);
  if (filters.status) params.set('status', filters.status);
  if (filters.overdue) params.set('overdue', 'true');
  if (filters.assignee) params.set('assignee', filters.assignee);
  if (filters.offering) params.set('offering', filters.offering);
  if (filters.municipality) params.set('municipality', filters.municipality);
  params.set('sort', filters.sort);
  params.set('limit', String(INBOX_PAGE_SIZE));
  params.set('offset', String((filters.page - 1) * INBOX_PAGE_SIZE));
  return `/api/cases?${params.toString()}`;
}

/**
 * Who handles a case, in words: "Du", a colleague's name (from GET /api/cases/assignees, the
 * people of my inbox), "En kollega" for someone outside it, or "Ingen ännu".
 */
export function assigneeLabel(
  assigneeId: string | null,
  myId: string | undefined,
  colleagues: readonly { id: string; name: string | null }[],
  words: { assignee: Record<'me' | 'other' | 'none', string>; unnamedColleague: string },
): string {
  const kind = assigneeKind(assigneeId, myId);
  if (kind !== 'other') return words.assignee[kind];
  const colleague = colleagues.find((c) => c.id === assigneeId);
  return colleague ? (colleague.name ?? words.unnamedColleague) : words.assignee.other;
}

/** Who handles a case, as the inbox and case page say it without names. */
export function assigneeKind(assigneeId: string | null, myId: string | undefined): 'me' | 'other' | 'none' {
  if (assigneeId === null) return 'none';
  return assigneeId === myId ? 'me' : 'other';
}

export const STAFF_ROLES = ['case-worker', 'coordinator', 'org-admin', 'system-admin'] as const;

interface StaffLike {
  roles: string[];
  memberships: { organisationId: string; unitId: string | null; role: string }[];
}

/** Whether the person works cases at all (the inbox and case page are theirs). */
export function worksCases(me: StaffLike): boolean {
  return me.roles.some((r) => (STAFF_ROLES as readonly string[]).includes(r));
}

/** Coordinators and system admins see every case and split cases into parts. */
export function isCoordinator(me: StaffLike): boolean {
  return me.roles.includes('coordinator') || me.roles.includes('system-admin');
}

/**
 * Whether the person may change what belongs to an organisation or unit (a case's status, a
 * part's status): the server's rule, mirrored so that the page offers only what will work.
 */
export function mayHandle(me: StaffLike, scope: { organisationId: string; unitId: string | null }): boolean {
  if (isCoordinator(me)) return true;
  return me.memberships.some(
    (m) =>
      (m.role === 'case-worker' || m.role === 'org-admin') &&
      m.organisationId === scope.organisationId &&
      (m.unitId === null || scope.unitId === null || m.unitId === scope.unitId),
  );
}

/** The statuses of the default workflows, in their order (labels live in i18n). */
export const STATUS_CODES = [
  'mottaget',
  'tilldelat',
  'pagar',
  'vantar-komplettering',
  'avslutat',
  'avvisat',
  'aterkallat',
] as const;
