import type { CreateProfileRequest, OwnProfile } from '../../../contracts/matchmaking.js';
import { NEEDS } from '../../../contracts/matchmaking.js';
import { type Municipality, municipalityName, resolveMunicipality } from '../../lib/geography.js';

export type Need = (typeof NEEDS)[number];
export type Actor = CreateProfileRequest['actor'];
export const ACTORS: readonly Actor[] = ['sme', 'large-company', 'researcher', 'other'];
export { NEEDS };

/** What the form holds: text as typed. */
export interface ProfileDraft {
  organisationId: string;
  displayName: string;
  actor: Actor;
  summary: string;
  seeks: Need[];
  offers: Need[];
  topics: string;
  markets: string;
  municipality: string;
  contactName: string;
  contactEmail: string;
  active: boolean;
}

export type DraftField =
  | 'displayName'
  | 'summary'
  | 'needs'
  | 'topics'
  | 'markets'
  | 'municipality'
  | 'contactName'
  | 'contactEmail';

export function emptyDraft(contact: { name: string; email: string }, organisationId = ''): ProfileDraft {
  return {
    organisationId,
    displayName: '',
    actor: 'sme',
    summary: '',
    seeks: [],
    offers: [],
    topics: '',
    markets: '',
    municipality: '',
    contactName: contact.name,
    contactEmail: contact.email,
    active: true,
  };
}

export function draftOf(profile: OwnProfile, municipalities: readonly Municipality[]): ProfileDraft {
  return {
    organisationId: profile.owner.organisationId ?? '',
    displayName: profile.displayName,
    actor: profile.actor,
    summary: profile.summary,
    seeks: [...profile.seeks],
    offers: [...profile.offers],
    topics: profile.topics.join(', '),
    markets: profile.markets.join(', '),
    municipality: profile.municipality
      ? (municipalityName(profile.municipality.code, municipalities) ?? profile.municipality.name)
      : '',
    contactName: profile.contact.name,
    contactEmail: profile.contact.email,
    active: profile.active,
  };
}

const TAG = /^[\p{Ll}\p{Nd}][\p{Ll}\p{Nd} -]{0,59}$/u;
const COUNTRY = /^[A-Z]{2}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const list = (text: string) =>
  text
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');

/** The request body for a draft, or the fields that need fixing (in the form's order). */
export function readDraft(
  draft: ProfileDraft,
  municipalities: readonly Municipality[],
):
  | { ok: true; body: Omit<CreateProfileRequest, 'organisationId' | 'municipality'> & { municipality: string | null } }
  | { ok: false; errors: DraftField[] } {
  const errors: DraftField[] = [];
  const displayName = draft.displayName.trim();
  const summary = draft.summary.trim();
  const topics = [...new Set(list(draft.topics).map((v) => v.toLowerCase().replace(/\s+/g, ' ')))];
  const markets = [...new Set(list(draft.markets.replace(/\s+/g, ',')).map((v) => v.toUpperCase()))];
  const municipality = resolveMunicipality(draft.municipality, municipalities);
  const contactName = draft.contactName.trim();
  const contactEmail = draft.contactEmail.trim();
  if (displayName.length < 2 || displayName.length > 200) errors.push('displayName');
  if (summary.length < 10 || summary.length > 2000) errors.push('summary');
  if (draft.seeks.length === 0 && draft.offers.length === 0) errors.push('needs');
  if (topics.length > 20 || !topics.every((v) => TAG.test(v))) errors.push('topics');
  if (markets.length > 30 || !markets.every((v) => COUNTRY.test(v))) errors.push('markets');
  if (municipality === null) errors.push('municipality');
  if (contactName === '' || contactName.length > 200) errors.push('contactName');
  if (!EMAIL.test(contactEmail) || contactEmail.length > 254) errors.push('contactEmail');
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    body: {
      displayName,
      actor: draft.actor,
      summary,
      seeks: NEEDS.filter((n) => draft.seeks.includes(n)),
      offers: NEEDS.filter((n) => draft.offers.includes(n)),
      topics,
      markets,
      municipality: municipality ?? null,
      contact: { name: contactName, email: contactEmail },
    },
  };
}
