import type {
  CreateProfileRequest,
  MatchSuggestion,
  OwnProfile,
  ProfileListQuery,
  PublicProfile,
  UpdateProfileRequest,
} from '../../../contracts/matchmaking.js';
import type { Db } from '../../db/client.js';
import { AppError } from '../../errors.js';
import type { Principal } from '../access/access.policies.js';
import { organisationNames } from '../catalogue/catalogue.service.js';
import { isMunicipalityCode, municipalityName } from '../catalogue/geography.js';
import { type MatchFacts, suggestMatches } from './match-scoring.js';
import { ownsProfile, publishingOrganisations } from './matchmaking.policies.js';
import * as repo from './matchmaking.repository.js';

function toPublic(row: repo.ProfileRow): PublicProfile {
  return {
    id: row.id,
    displayName: row.displayName,
    actor: row.actor as PublicProfile['actor'],
    summary: row.summary,
    seeks: row.seeks as PublicProfile['seeks'],
    offers: row.offers as PublicProfile['offers'],
    topics: row.topics,
    markets: row.markets,
    municipality: row.municipality
      ? { code: row.municipality, name: municipalityName(row.municipality) ?? row.municipality }
      : null,
  };
}

function toOwn(row: repo.ProfileRow): OwnProfile {
  return {
    ...toPublic(row),
    owner: { companyOrgnr: row.companyOrgnr, organisationId: row.organisationId },
    contact: { name: row.contactName, email: row.contactEmail },
    active: row.active,
  };
}

function facts(row: repo.ProfileRow): MatchFacts {
  return {
    id: row.id,
    owner: row.companyOrgnr ? `company:${row.companyOrgnr}` : `organisation:${row.organisationId}`,
    seeks: row.seeks,
    offers: row.offers,
    topics: row.topics,
    markets: row.markets,
    municipality: row.municipality,
  };
}

function checkMunicipality(code: string | null | undefined) {
  if (code && !isMunicipalityCode(code))
    throw new AppError('invalid_municipality', `Kommunkoden ${code} finns inte i SCB:s lista`, [
      { field: 'municipality', message: 'okänd kommunkod' },
    ]);
}

const tags = (values: readonly string[]) => [...new Set(values.map((v) => v.trim().toLowerCase()))];

/** The board: every active profile's public part. Contact details are never in it. */
export async function listProfiles(db: Db, query: ProfileListQuery) {
  const { limit = 20, offset = 0, ...filter } = query;
  const { rows, total } = await repo.listActive(db, filter, { limit, offset });
  return { items: rows.map(toPublic), total };
}

export async function myProfiles(db: Db, principal: Principal) {
  const rows = await repo.ownedBy(db, {
    companyOrgnr: principal.kind === 'company-rep' ? principal.actingCompany : null,
    organisationIds: principal.kind === 'staff' ? publishingOrganisations(principal) : [],
  });
  return { items: rows.map(toOwn), total: rows.length };
}

/** Publishes a profile for the company the representative acts for, or for the staff member's organisation. */
export async function createProfile(db: Db, principal: Principal, input: CreateProfileRequest): Promise<OwnProfile> {
  checkMunicipality(input.municipality);
  let owner: { companyOrgnr: string | null; organisationId: string | null };
  if (principal.kind === 'company-rep') {
    if (!principal.actingCompany) throw new AppError('not_representative', 'Välj först vilket företag du företräder');
    owner = { companyOrgnr: principal.actingCompany, organisationId: null };
  } else {
    const orgs = publishingOrganisations(principal);
    const organisationId = input.organisationId ?? (orgs.length === 1 ? orgs[0] : undefined);
    if (!organisationId)
      throw new AppError('validation_failed', 'Ange organisationId', [{ field: 'organisationId', message: 'krävs' }]);
    if (!orgs.includes(organisationId))
      throw new AppError('not_profile_owner', `Du kan inte publicera för ${organisationId}`);
    if (!(await organisationNames(db)).has(organisationId))
      throw new AppError('organisation_not_found', `Organisationen ${organisationId} finns inte`);
    owner = { companyOrgnr: null, organisationId };
  }
  const row = await repo.insertProfile(db, {
    ...owner,
    displayName: input.displayName.trim(),
    actor: input.actor,
    summary: input.summary,
    seeks: input.seeks,
    offers: input.offers,
    topics: tags(input.topics),
    markets: [...new Set(input.markets)],
    municipality: input.municipality ?? null,
    contactName: input.contact.name,
    contactEmail: input.contact.email,
    createdBy: principal.userId,
  });
  return toOwn(row);
}

async function ownProfile(db: Db, principal: Principal, id: string): Promise<repo.ProfileRow> {
  const row = await repo.findProfile(db, id);
  if (!row) throw new AppError('profile_not_found', 'Profilen finns inte');
  if (!ownsProfile(principal, row)) throw new AppError('not_profile_owner', 'Profilen är inte din');
  return row;
}

export async function updateProfile(db: Db, principal: Principal, id: string, input: UpdateProfileRequest) {
  checkMunicipality(input.municipality);
  await ownProfile(db, principal, id);
  const row = await repo.updateProfile(db, id, {
    ...(input.displayName !== undefined ? { displayName: input.displayName.trim() } : {}),
    ...(input.actor !== undefined ? { actor: input.actor } : {}),
    ...(input.summary !== undefined ? { summary: input.summary } : {}),
    ...(input.seeks !== undefined ? { seeks: input.seeks } : {}),
    ...(input.offers !== undefined ? { offers: input.offers } : {}),
    ...(input.topics !== undefined ? { topics: tags(input.topics) } : {}),
    ...(input.markets !== undefined ? { markets: [...new Set(input.markets)] } : {}),
    ...(input.municipality !== undefined ? { municipality: input.municipality } : {}),
    ...(input.contact !== undefined ? { contactName: input.contact.name, contactEmail: input.contact.email } : {}),
    ...(input.active !== undefined ? { active: input.active } : {}),
  });
  return toOwn(row);
}

/**
 * The suggested matches for one of my profiles. A contact is in the answer only when both sides
 * have said they want to be put in touch (double opt-in); withdrawing hides it again.
 */
export async function matchesFor(db: Db, principal: Principal, id: string) {
  const mine = await ownProfile(db, principal, id);
  const [others, interests] = await Promise.all([repo.allActive(db), repo.interestsOf(db, id)]);
  const byId = new Map(others.map((o) => [o.id, o]));
  const iWant = new Set(interests.filter((i) => i.from === id).map((i) => i.to));
  const theyWant = new Set(interests.filter((i) => i.to === id).map((i) => i.from));
  const items: MatchSuggestion[] = suggestMatches(facts(mine), others.map(facts)).map((m) => {
    const other = byId.get(m.id) as repo.ProfileRow;
    const mutual = mine.active && iWant.has(m.id) && theyWant.has(m.id);
    return {
      profile: toPublic(other),
      score: m.score,
      reasons: m.reasons,
      interest: { mine: iWant.has(m.id), theirs: theyWant.has(m.id) },
      contact: mutual ? { name: other.contactName, email: other.contactEmail } : null,
    };
  });
  return { items, total: items.length };
}

/** Says (or takes back) that my profile wants to be put in touch with another one. */
export async function setInterest(db: Db, principal: Principal, id: string, otherId: string, wanted: boolean) {
  const mine = await ownProfile(db, principal, id);
  const other = await repo.findProfile(db, otherId);
  if (!other || !other.active || other.id === mine.id) throw new AppError('profile_not_found', 'Profilen finns inte');
  if (wanted) await repo.addInterest(db, { fromProfileId: id, toProfileId: otherId, createdBy: principal.userId });
  else await repo.removeInterest(db, id, otherId);
  return matchesFor(db, principal, id);
}
