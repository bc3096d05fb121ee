import { createHash, randomBytes } from 'node:crypto';
import type {
  AssigneeListResponse,
  AssignmentRuleRequest,
  AssignmentRuleResponse,
  CaseEventResponse,
  CaseResponse,
  CaseSummaryResponse,
  InboxQuery,
  SubmitCaseRequest,
} from '../../../contracts/cases.js';
import type { OfferingResponse } from '../../../contracts/catalogue.js';
import type { Db, Tx } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import { KeyedProcessCache, ProcessCache } from '../../db/process-cache.js';
import { AppError } from '../../errors.js';
import { uuid7 } from '../../lib/uuid7.js';
import { mayAdministerOrganisation, type Principal, type StaffRole, toPrincipal } from '../access/access.policies.js';
import { appendAudit } from '../audit/audit.repository.js';
import { getOrganisation, offeringForCase, offeringTitles, organisationNames } from '../catalogue/catalogue.service.js';
import { isMunicipalityCode } from '../catalogue/geography.js';
import { correctRouting } from '../intake/intake.service.js';
import { enqueueEmail } from '../outbox/outbox.repository.js';
import { enqueueIndicatorRefresh, indicatorRefreshStatement } from '../strategy/strategy.service.js';
import { archivePackage } from './archive.js';
import { checkTransition, DEFAULT_WORKFLOWS, isFinal, type Workflow } from './case-status.js';
import { companyMaySee, inboxScopes, staffMaySee } from './cases.policies.js';
import * as repo from './cases.repository.js';
import { diariumPrefix } from './diarienummer.js';
import { runRetention } from './retention.js';
import { addWorkingDays, todayInSweden } from './working-days.js';

/** Where links in e-mails point. */
export interface CaseLinks {
  publicBaseUrl: string;
}

/** Stores the default workflows for case types that have none yet (admins may have edited them). */
export async function ensureWorkflows(db: Db): Promise<void> {
  for (const workflow of DEFAULT_WORKFLOWS) await repo.insertWorkflowIfMissing(db, workflow.caseType, workflow);
  workflowCache.clear(db);
}

const workflowCache = new ProcessCache(async (db: Db) => {
  const map = new Map(DEFAULT_WORKFLOWS.map((w) => [w.caseType, w]));
  for (const row of await repo.workflowDefinitions(db)) map.set(row.caseType, row.definition as Workflow);
  return map;
});

/**
 * Other organisations' cases shared with an inbox's scopes through a part or a full referral, by
 * the scopes as JSON: asked for on every inbox page, so kept for two seconds (a part or referral
 * made in this process clears it at once; one made in another shows within the two seconds).
 */
const sharedCases = new KeyedProcessCache(
  (db, scopes: string) => repo.sharedCaseIds(db, JSON.parse(scopes) as Parameters<typeof repo.sharedCaseIds>[1]),
  2_000,
);

/** Every case type's workflow, as the database holds them (kept in this process: see ProcessCache). */
function workflows(db: Db | Tx): Promise<Map<string, Workflow>> {
  return workflowCache.get(db);
}

function workflowOf(all: Map<string, Workflow>, caseType: string): Workflow {
  const workflow = all.get(caseType);
  if (!workflow) throw new AppError('internal', `no workflow for case type ${caseType}`);
  return workflow;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

function toSummary(
  row: repo.CaseSummaryRow,
  workflow: Workflow,
  names: { organisations: Map<string, string>; offerings: Map<string, string> },
  today: string,
): CaseSummaryResponse {
  const status = workflow.statuses.find((s) => s.code === row.status) ?? {
    code: row.status,
    sv: row.status,
    en: row.status,
    final: false,
  };
  return {
    id: row.id,
    diarienummer: row.diarienummer,
    organisation: { id: row.organisationId, name: names.organisations.get(row.organisationId) ?? row.organisationId },
    unitId: row.unitId,
    offering: { id: row.offeringId, title: names.offerings.get(row.offeringId) ?? row.offeringId },
    caseType: row.caseType,
    status,
    companyName: row.companyName,
    municipality: row.municipality,
    subject: row.subject,
    assigneeId: row.assigneeId,
    receivedOn: row.receivedOn,
    dueOn: row.dueOn,
    overdue: !status.final && row.dueOn < today,
    awaitingVerification: row.awaitingVerification,
    version: row.version,
    updatedAt: row.updatedAt,
  };
}

function toEvent(row: repo.CaseEventRow): CaseEventResponse {
  return {
    id: row.id,
    kind: row.kind,
    visibility: row.visibility as 'company' | 'internal',
    authorName: row.authorName,
    body: row.body,
    data: row.data as Record<string, unknown>,
    readByCompanyAt: row.readByCompanyAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Everything on a case besides the case row: timeline, parts, consents, referrals, documents. */
async function caseContents(db: Db, caseId: string, companyView: boolean) {
  const [events, parts, consents, referrals, documents] = await Promise.all([
    repo.eventsOf(db, caseId, companyView),
    repo.partsOf(db, caseId),
    repo.consentsOf(db, caseId),
    repo.referralsOf(db, caseId),
    repo.documentsOf(db, caseId, companyView),
  ]);
  return { events, parts, consents, referrals, documents };
}

async function present(
  db: Db,
  row: repo.CaseRow,
  view: 'staff' | 'company',
  options: {
    since?: Date | null;
    /** What the caller already holds (a case it has just opened), instead of reading it. */
    loaded?: Awaited<ReturnType<typeof caseContents>>;
  } = {},
): Promise<CaseResponse> {
  const all = await workflows(db);
  const workflow = workflowOf(all, row.caseType);
  const organisations = await organisationNames(db);
  const names = { organisations, offerings: await offeringTitles(db, [row.offeringId]) };
  const companyView = view === 'company';
  const {
    events: allEvents,
    parts,
    consents,
    referrals,
    documents,
  } = options.loaded ?? (await caseContents(db, row.id, companyView));
  // A receiving organisation sees the case from the referral on.
  const since = options.since;
  const events = since ? allEvents.filter((e) => e.createdAt >= since) : allEvents;
  const transitions = (companyView ? workflow.byCompany : workflow.transitions)[row.status] ?? [];
  const today = todayInSweden();
  const org = (id: string) => ({ id, name: organisations.get(id) ?? id });
  return {
    ...toSummary(repo.summaryRowOf(row), workflow, names, today),
    parts: parts.map((p) => {
      const partFlow = workflowOf(all, p.caseType);
      const status = partFlow.statuses.find((x) => x.code === p.status) ?? {
        code: p.status,
        sv: p.status,
        en: p.status,
        final: false,
      };
      return {
        id: p.id,
        organisation: org(p.organisationId),
        unitId: p.unitId,
        offeringId: p.offeringId,
        title: p.title,
        status,
        assigneeId: companyView ? null : p.assigneeId,
        dueOn: p.dueOn,
        overdue: !status.final && p.dueOn < today,
        version: p.version,
      };
    }),
    consents: consents.map((c) => ({
      id: c.id,
      organisation: org(c.organisationId),
      purpose: c.purpose,
      givenAt: c.givenAt.toISOString(),
      revokedAt: c.revokedAt?.toISOString() ?? null,
    })),
    referrals: referrals
      .filter((r) => !companyView || r.mode === 'full')
      .map((r) => ({
        id: r.id,
        toOrganisation: org(r.toOrganisationId),
        toOfferingId: r.toOfferingId,
        mode: r.mode as 'full' | 'anonymous',
        createdAt: r.createdAt.toISOString(),
      })),
    documents: documents
      .filter((d) => !since || d.createdAt >= since)
      .map((d) => ({
        id: d.id,
        fileName: d.fileName,
        contentType: d.contentType,
        size: d.size,
        visibility: d.visibility as 'company' | 'internal',
        uploadedByKind: d.uploadedByKind,
        createdAt: d.createdAt.toISOString(),
      })),
    companyOrgnr: row.companyOrgnr,
    contact: { name: row.contactName, email: row.contactEmail },
    description: row.description,
    allowedTransitions: transitions,
    timeline: events.map(toEvent),
  };
}

/** The ETag of a case: its version. */
export function etagOf(version: number): string {
  return `W/"${version}"`;
}

/** Parses If-Match (`W/"3"` or `"3"`); undefined when absent. */
export function versionFromIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = /^(?:W\/)?"(\d+)"$/.exec(header.trim());
  if (!match) throw new AppError('precondition_failed', 'If-Match ska vara ärendets ETag, t.ex. W/"3"');
  return Number(match[1]);
}

function checkVersion(row: repo.CaseRow, expected: number | undefined) {
  if (expected === undefined) {
    throw new AppError(
      'precondition_required',
      'Skicka If-Match med ärendets ETag så att ingen annans ändring skrivs över',
    );
  }
  if (row.version !== expected) {
    throw new AppError(
      'precondition_failed',
      `Ärendet ${row.diarienummer} har ändrats av någon annan sedan du läste det; läs in det igen`,
    );
  }
}

export interface SubmitResult {
  case: CaseResponse;
  followUrl?: string;
  replayed: boolean;
}

/**
 * Opens a case at the offering's provider and unit, all or nothing in one statement (which, under
 * load, opens the other submissions waiting with it; see repo.openCase): the case with
 * its diarienummer, the first timeline event, the audit entry, the e-mail in the outbox and a
 * refresh of the follow-up figures. With an Idempotency-Key a retried request returns the first
 * case instead of creating another.
 */
export async function submitCase(
  db: Db,
  principal: Principal | null,
  input: SubmitCaseRequest,
  options: { idempotencyKey?: string; links: CaseLinks; now?: Date },
): Promise<SubmitResult> {
  const scopedKey = options.idempotencyKey
    ? `${principal?.userId ?? 'anonymous'}:${options.idempotencyKey}`
    : undefined;
  if (principal && !principal.roles.includes('company')) {
    throw new AppError('forbidden', 'Bara företag kan skicka in ärenden genom dörren');
  }
  if (principal && !principal.actingCompany) {
    throw new AppError('validation_failed', 'Välj vilket företag du företräder innan du skickar in', [
      { field: 'company', message: 'inget företag valt' },
    ]);
  }
  if (input.municipality && !isMunicipalityCode(input.municipality)) {
    throw new AppError('invalid_municipality', `Kommunkoden ${input.municipality} finns inte i SCB:s lista`, [
      { field: 'municipality', message: 'okänd kommunkod' },
    ]);
  }
  if (!principal && !input.companyName) {
    throw new AppError('validation_failed', 'Ange företagets namn', [{ field: 'companyName', message: 'saknas' }]);
  }
  const offering = await offeringForCase(db, input.offeringId);
  const all = await workflows(db);
  const workflow = workflowOf(all, offering.caseType);
  const now = options.now ?? new Date();
  const receivedOn = todayInSweden(now);
  const year = Number(receivedOn.slice(0, 4));
  const followToken = principal ? undefined : randomBytes(32).toString('base64url');
  const followUrl = followToken ? `${options.links.publicBaseUrl}/folj/${followToken}` : undefined;

  const dueOn = addWorkingDays(receivedOn, workflow.handlingDays);
  const submitted = {
    id: uuid7(),
    organisationId: offering.provider.id,
    unitId: offering.unit?.id ?? null,
    offeringId: offering.id,
    caseType: offering.caseType,
    status: workflow.initial,
    companyOrgnr: principal?.actingCompany ?? null,
    companyName: input.companyName ?? null,
    contactName: input.contact.name,
    contactEmail: input.contact.email,
    municipality: input.municipality ?? null,
    subject: offering.title.sv,
    description: input.description,
    intakeId: input.intakeId ?? null,
    submittedBy: principal?.userId ?? null,
    receivedOn,
    dueOn,
    followTokenHash: followToken ? hashToken(followToken) : null,
    idempotencyKey: scopedKey ?? null,
  };
  const eventData = { offeringId: offering.id, status: workflow.initial };
  let opened: repo.OpenedCase;
  try {
    opened = await repo.openCase(
      db,
      {
        case: submitted,
        diarium: { prefix: diariumPrefix(offering.provider.id), year },
        now,
        submitted: { authorName: input.contact.name, data: eventData },
        audit: { actorId: principal?.userId ?? null, actorKind: principal ? 'company' : 'anonymous' },
        email: acknowledgement(
          input.contact,
          offering,
          { dueOn, handlingDays: workflow.handlingDays, followUrl },
          options.links,
        ),
      },
      (offeringIds) => [indicatorRefreshStatement(offeringIds)],
    );
  } catch (error) {
    // A retry with an Idempotency-Key already used (or two at once): the unique key lets only one
    // case in, the statement that lost wrote nothing, and the first case is the answer.
    if (scopedKey && isUniqueViolation(error)) {
      const existing = await repo.findByIdempotencyKey(db, scopedKey);
      if (existing) return { case: await present(db, existing, 'company'), replayed: true };
    }
    throw error;
  }
  const row: repo.CaseRow = {
    ...submitted,
    diarienummer: opened.diarienummer,
    assigneeId: opened.assigneeId,
    closedAt: null,
    emailVerifiedAt: null,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  // Nothing else can have happened to a case this new: it is presented from what was written.
  const firstEvent: repo.CaseEventRow = {
    id: opened.submittedEventId,
    caseId: row.id,
    kind: 'submitted',
    visibility: 'company',
    authorId: row.submittedBy,
    authorName: input.contact.name,
    body: input.description,
    data: eventData,
    readByCompanyAt: null,
    createdAt: now,
  };
  const presented = await present(db, row, 'company', {
    loaded: { events: [firstEvent], parts: [], consents: [], referrals: [], documents: [] },
  });
  return { case: presented, ...(followUrl ? { followUrl } : {}), replayed: false };
}

/** The acknowledgement e-mail; `{{diarienummer}}` is filled in when the case is opened. */
function acknowledgement(
  contact: { name: string; email: string },
  offering: OfferingResponse,
  promise: { dueOn: string; handlingDays: number; followUrl: string | undefined },
  links: CaseLinks,
) {
  const diarienummer = '{{diarienummer}}';
  return {
    to: contact.email,
    subject: promise.followUrl
      ? `Bekräfta ditt ärende ${diarienummer} hos ${offering.provider.name}`
      : `Vi har tagit emot ditt ärende ${diarienummer}`,
    text: [
      `Hej ${contact.name},`,
      '',
      `${offering.provider.name} har tagit emot ditt ärende "${offering.title.sv}" med diarienummer ${diarienummer}.`,
      `Vi lovar svar senast ${promise.dueOn} (${promise.handlingDays} arbetsdagar).`,
      '',
      promise.followUrl
        ? `Bekräfta din e-postadress och följ ärendet här (länken är personlig, dela den inte):\n${promise.followUrl}`
        : `Följ ärendet under Mina ärenden: ${links.publicBaseUrl}/mina-arenden`,
      '',
      'Med vänlig hälsning',
      'Lotsen – en dörr in för företag',
    ].join('\n'),
  };
}

/**
 * The timeline event (internal) and audit entry of an assignment made by a rule; the assignee
 * itself is written with the case or part.
 */
async function recordAutoAssignment(
  tx: Tx,
  row: repo.CaseRow,
  rule: repo.AssignmentRuleRow,
  part?: repo.CasePartRow,
): Promise<void> {
  const data = { assigneeId: rule.assigneeId, ruleId: rule.id, ...(part ? { partId: part.id } : {}) };
  await repo.insertEvent(tx, { caseId: row.id, kind: 'assigned', visibility: 'internal', authorId: null, data });
  await appendAudit(tx, {
    actorId: null,
    actorKind: 'system',
    action: 'case.auto_assigned',
    entity: 'case',
    entityId: row.id,
    organisationId: part?.organisationId ?? row.organisationId,
    details: { to: rule.assigneeId, ruleId: rule.id, ...(part ? { partId: part.id } : {}) },
  });
}

// ---- Auto-assignment rules ---------------------------------------------------------------------

function assertAdministers(principal: Principal, organisationId: string) {
  if (!mayAdministerOrganisation(principal, organisationId)) {
    throw new AppError('forbidden', `Du administrerar inte ${organisationId}`);
  }
}

function toRule(row: repo.AssignmentRuleRow): AssignmentRuleResponse {
  return {
    id: row.id,
    organisationId: row.organisationId,
    unitId: row.unitId,
    municipality: row.municipality,
    offeringId: row.offeringId,
    assigneeId: row.assigneeId,
    priority: row.priority,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function listAssignmentRules(
  db: Db,
  principal: Principal,
  organisationId: string,
): Promise<{ items: AssignmentRuleResponse[] }> {
  assertAdministers(principal, organisationId);
  await getOrganisation(db, organisationId);
  return { items: (await repo.assignmentRulesOf(db, organisationId)).map(toRule) };
}

/**
 * An organisation admin adds a rule. The assignee must be an active staff member handling cases at
 * the organisation, and a unit member only for rules of their unit (they would not see the cases).
 */
export async function createAssignmentRule(
  db: Db,
  principal: Principal,
  organisationId: string,
  input: AssignmentRuleRequest,
): Promise<AssignmentRuleResponse> {
  assertAdministers(principal, organisationId);
  const organisation = await getOrganisation(db, organisationId);
  let unitId = input.unitId ?? null;
  const municipality = input.municipality ?? null;
  const offeringId = input.offeringId ?? null;
  if (unitId !== null && !organisation.units.some((u) => u.id === unitId)) {
    throw new AppError('validation_failed', `Enheten ${unitId} finns inte i ${organisationId}`, [
      { field: 'unitId', message: 'okänd enhet' },
    ]);
  }
  if (municipality !== null && !isMunicipalityCode(municipality)) {
    throw new AppError('invalid_municipality', `Kommunkoden ${municipality} finns inte i SCB:s lista`, [
      { field: 'municipality', message: 'okänd kommunkod' },
    ]);
  }
  if (offeringId !== null) {
    const offering = await offeringForCase(db, offeringId);
    if (offering.provider.id !== organisationId) {
      throw new AppError('validation_failed', `Erbjudandet ${offeringId} hör inte till ${organisationId}`, [
        { field: 'offeringId', message: 'annan organisations erbjudande' },
      ]);
    }
    // The offering belongs to one unit: the rule does too.
    const offeringUnit = offering.unit?.id ?? null;
    if (unitId !== null && offeringUnit !== null && unitId !== offeringUnit) {
      throw new AppError('validation_failed', `Erbjudandet ${offeringId} hör till enheten ${offeringUnit}`, [
        { field: 'unitId', message: 'erbjudandet hör till en annan enhet' },
      ]);
    }
    unitId ??= offeringUnit;
  }
  const membership = await repo.activeStaffMembership(db, organisationId, input.assigneeId);
  if (!membership) {
    throw new AppError('validation_failed', `Personen är inte aktiv handläggare i ${organisationId}`, [
      { field: 'assigneeId', message: 'inte aktiv personal i organisationen' },
    ]);
  }
  if (membership.unitId !== null && membership.unitId !== unitId) {
    throw new AppError('validation_failed', `Personen arbetar bara med enheten ${membership.unitId}`, [
      { field: 'unitId', message: `regeln måste gälla enheten ${membership.unitId}` },
    ]);
  }
  return db.transaction(async (tx) => {
    const row = await repo.insertAssignmentRule(tx, {
      organisationId,
      unitId,
      municipality,
      offeringId,
      assigneeId: input.assigneeId,
      priority: input.priority ?? 100,
      active: input.active ?? true,
      createdBy: principal.userId,
    });
    await appendAudit(tx, {
      actorId: principal.userId,
      actorKind: 'staff',
      action: 'case.assignment_rule_created',
      entity: 'case_assignment_rule',
      entityId: row.id,
      organisationId,
      details: {
        unitId,
        municipality,
        offeringId,
        assigneeId: row.assigneeId,
        priority: row.priority,
        active: row.active,
      },
    });
    return toRule(row);
  });
}

export async function deleteAssignmentRule(db: Db, principal: Principal, id: string): Promise<void> {
  const row = await repo.findAssignmentRule(db, id);
  // Another organisation's rule looks like no rule.
  if (!row || !mayAdministerOrganisation(principal, row.organisationId)) {
    throw new AppError('not_found', 'Regeln finns inte eller så saknar du behörighet');
  }
  await db.transaction(async (tx) => {
    await repo.deleteAssignmentRule(tx, id);
    await appendAudit(tx, {
      actorId: principal.userId,
      actorKind: 'staff',
      action: 'case.assignment_rule_deleted',
      entity: 'case_assignment_rule',
      entityId: id,
      organisationId: row.organisationId,
      details: {
        unitId: row.unitId,
        municipality: row.municipality,
        offeringId: row.offeringId,
        assigneeId: row.assigneeId,
      },
    });
  });
}

// ---- Staff -------------------------------------------------------------------------------------

interface StaffAccess {
  row: repo.CaseRow;
  via: 'owner' | 'part' | 'referral';
  /** Referral receivers see the case from the referral on. */
  since: Date | null;
}

/**
 * How a staff member may see a case: at the owning organisation or unit, through a part at their
 * organisation or unit, or through a full (consented) referral to their organisation.
 */
async function staffAccess(db: Db | Tx, principal: Principal, id: string): Promise<StaffAccess> {
  const row = await repo.findCase(db, id);
  // Not found and not yours look the same: a case's existence is itself confidential.
  const denied = new AppError('case_not_found', 'Ärendet finns inte eller så saknar du behörighet');
  if (!row) throw denied;
  if (staffMaySee(principal, row)) return { row, via: 'owner', since: null };
  const parts = await repo.partsOf(db, id);
  if (
    parts.some((p) =>
      staffMaySee(principal, { organisationId: p.organisationId, unitId: p.unitId, companyOrgnr: null }),
    )
  ) {
    return { row, via: 'part', since: null };
  }
  // A full referral lets the receiving organisation see the case while the company's consent to it
  // stands: revoking the consent ends that.
  const candidates = (await repo.referralsOf(db, id)).filter(
    (r) =>
      r.mode === 'full' &&
      staffMaySee(principal, { organisationId: r.toOrganisationId, unitId: null, companyOrgnr: null }),
  );
  const consents = candidates.length > 0 ? await repo.consentsOf(db, id) : [];
  const referral = candidates.find((r) => consents.some((c) => c.id === r.consentId && c.revokedAt === null));
  if (referral) return { row, via: 'referral', since: referral.createdAt };
  throw denied;
}

async function staffCase(db: Db | Tx, principal: Principal, id: string): Promise<repo.CaseRow> {
  return (await staffAccess(db, principal, id)).row;
}

export async function listInbox(db: Db, principal: Principal, query: InboxQuery) {
  const today = todayInSweden();
  const scopes = inboxScopes(principal);
  // A case worker's list is of the work at hand: the open cases, unless they ask for a status.
  const state = query.state ?? (query.status ? 'all' : 'open');
  const { rows, total, totalIsLowerBound } = await repo.listCases(
    db,
    {
      scopes,
      ...(state !== 'all' ? { open: state === 'open' } : {}),
      ...(scopes !== 'all' ? { sharedCaseIds: await sharedCases.get(db, JSON.stringify(scopes)) } : {}),
      ...(query.status ? { status: query.status } : {}),
      ...(query.overdue ? { overdueOn: today } : {}),
      ...(query.assignee
        ? { assignee: query.assignee === 'me' ? principal.userId : query.assignee === 'none' ? null : query.assignee }
        : {}),
      ...(query.offering ? { offeringId: query.offering } : {}),
      ...(query.municipality ? { municipality: query.municipality } : {}),
      ...(query.sort ? { sort: query.sort } : {}),
    },
    { limit: query.limit ?? 20, offset: query.offset ?? 0 },
  );
  const all = await workflows(db);
  const names = {
    organisations: await organisationNames(db),
    offerings: await offeringTitles(
      db,
      rows.map((r) => r.offeringId),
    ),
  };
  return {
    items: rows.map((row) => toSummary(row, workflowOf(all, row.caseType), names, today)),
    total,
    totalIsLowerBound,
  };
}

/**
 * The staff whom I may assign the cases of my inbox to: those who handle cases at my organisations
 * and units (coordinators: everyone who handles cases); with a case, those at its organisation who
 * would see it. Whether one may take a given case is decided when it is assigned (assignCases).
 */
export async function listAssignees(db: Db, principal: Principal, caseId?: string): Promise<AssigneeListResponse> {
  if (caseId === undefined) return { items: await repo.assignableStaff(db, inboxScopes(principal)) };
  const row = await staffCase(db, principal, caseId);
  return { items: await repo.assignableStaff(db, [{ organisationId: row.organisationId, unitId: row.unitId }]) };
}

/** A staff member reads a case: the read itself is audited. */
export async function getCaseForStaff(db: Db, principal: Principal, id: string): Promise<CaseResponse> {
  const { row, via, since } = await staffAccess(db, principal, id);
  await appendAudit(db, {
    actorId: principal.userId,
    actorKind: 'staff',
    action: 'case.read',
    entity: 'case',
    entityId: row.id,
    organisationId: row.organisationId,
    details: { diarienummer: row.diarienummer, via },
  });
  return present(db, row, 'staff', { since });
}

async function notifyCompany(tx: Tx, row: repo.CaseRow, subject: string, text: string, links: CaseLinks) {
  if (!row.contactEmail) return;
  await enqueueEmail(tx, {
    to: row.contactEmail,
    subject: `${subject} – ${row.diarienummer}`,
    text: `${text}\n\nLäs mer och svara: ${links.publicBaseUrl}/mina-arenden\n\nLotsen – en dörr in för företag`,
  });
}

export async function changeStatus(
  db: Db,
  principal: Principal,
  id: string,
  input: { status: string; comment?: string; expectedVersion: number | undefined },
  links: CaseLinks,
): Promise<CaseResponse> {
  const row = await db.transaction(async (tx) => {
    const current = await repo.findCaseForUpdate(tx, id);
    if (!current || !staffMaySee(principal, current))
      throw new AppError('case_not_found', 'Ärendet finns inte eller så saknar du behörighet');
    checkVersion(current, input.expectedVersion);
    const workflow = workflowOf(await workflows(tx), current.caseType);
    const check = checkTransition(workflow, current.status, input.status, 'staff');
    if (!check.ok) throw new AppError('illegal_transition', `Statusändringen nekades: ${check.reason}`);
    const final = isFinal(workflow, input.status);
    const updated = await repo.updateCase(tx, id, {
      status: input.status,
      ...(final ? { closedAt: new Date() } : {}),
      ...(input.status === 'tilldelat' && !current.assigneeId ? { assigneeId: principal.userId } : {}),
    });
    if (final) await enqueueIndicatorRefresh(tx, { offeringId: current.offeringId });
    const label = workflow.statuses.find((s) => s.code === input.status)?.sv ?? input.status;
    await repo.insertEvent(tx, {
      caseId: id,
      kind: 'status',
      visibility: 'company',
      authorId: principal.userId,
      body: input.comment ?? null,
      data: { from: current.status, to: input.status },
    });
    await appendAudit(tx, {
      actorId: principal.userId,
      actorKind: 'staff',
      action: 'case.status_changed',
      entity: 'case',
      entityId: id,
      organisationId: current.organisationId,
      details: { from: current.status, to: input.status },
    });
    await notifyCompany(
      tx,
      updated,
      `Ny status: ${label}`,
      `Ärendet ${updated.diarienummer} har nu status "${label}".${input.comment ? `\n\n${input.comment}` : ''}`,
      links,
    );
    return updated;
  });
  return present(db, row, 'staff');
}

export async function assignCases(
  db: Db,
  principal: Principal,
  caseIds: string[],
  assigneeId: string | null,
  links: CaseLinks,
): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = await repo.casesByIds(tx, caseIds);
    if (rows.length !== new Set(caseIds).size || rows.some((r) => !staffMaySee(principal, r))) {
      throw new AppError('case_not_found', 'Minst ett av ärendena finns inte eller så saknar du behörighet');
    }
    if (assigneeId !== null) {
      // The handler must be staff who would see the case in their own inbox.
      const memberships = await repo.staffMembershipsOf(tx, assigneeId);
      const assignee = toPrincipal(
        { id: assigneeId, kind: 'staff' },
        memberships.map((m) => ({ ...m, role: m.role as StaffRole, active: true })),
        null,
      );
      const unseen = rows.filter((r) => !staffMaySee(assignee, r));
      if (memberships.length === 0 || unseen.length > 0) {
        throw new AppError(
          'validation_failed',
          memberships.length === 0
            ? 'Personen är inte aktiv personal och kan inte få ärenden'
            : `Personen handlägger inte ärenden där ${unseen.map((r) => r.diarienummer).join(', ')} hör hemma`,
          [{ field: 'assigneeId', message: 'kan inte handlägga ärendet' }],
        );
      }
    }
    for (const row of rows) {
      await repo.updateCase(tx, row.id, { assigneeId });
      await repo.insertEvent(tx, {
        caseId: row.id,
        kind: 'assigned',
        visibility: 'internal',
        authorId: principal.userId,
        data: { assigneeId },
      });
      await appendAudit(tx, {
        actorId: principal.userId,
        actorKind: 'staff',
        action: 'case.assigned',
        entity: 'case',
        entityId: row.id,
        organisationId: row.organisationId,
        details: { from: row.assigneeId, to: assigneeId },
      });
    }
    // A colleague given cases hears of it (no company data in the e-mail: numbers, offerings, links).
    const given = rows.filter((r) => r.assigneeId !== assigneeId);
    const email = assigneeId && assigneeId !== principal.userId ? await repo.staffEmailOf(tx, assigneeId) : null;
    if (email && given.length > 0) {
      const one = given.length === 1;
      const lines = given.map((r) => `${r.diarienummer} – ${r.subject}\n${links.publicBaseUrl}/handlaggning/${r.id}`);
      await enqueueEmail(tx, {
        to: email,
        subject: one ? `Du har fått ärendet ${given[0]?.diarienummer}` : `Du har fått ${given.length} ärenden i Lotsen`,
        text: `${one ? 'Ett ärende' : `${given.length} ärenden`} har tilldelats dig i Lotsen:\n\n${lines.join('\n\n')}\n\nLotsen – en dörr in för företag`,
      });
    }
    return rows.length;
  });
}

/** A message to the company (visible to it, e-mailed) or an internal note (never shown to it). */
export async function addStaffEntry(
  db: Db,
  principal: Principal,
  id: string,
  kind: 'message' | 'note',
  body: string,
  links: CaseLinks,
): Promise<CaseResponse> {
  const names = await organisationNames(db);
  await db.transaction(async (tx) => {
    const row = await staffCase(tx, principal, id);
    await repo.insertEvent(tx, {
      caseId: id,
      kind,
      visibility: kind === 'message' ? 'company' : 'internal',
      authorId: principal.userId,
      authorName: names.get(row.organisationId) ?? null,
      body,
    });
    await appendAudit(tx, {
      actorId: principal.userId,
      actorKind: 'staff',
      action: kind === 'message' ? 'case.message_sent' : 'case.note_added',
      entity: 'case',
      entityId: id,
      organisationId: row.organisationId,
    });
    if (kind === 'message')
      await notifyCompany(
        tx,
        row,
        'Nytt meddelande',
        `Du har fått ett nytt meddelande i ärendet ${row.diarienummer}.`,
        links,
      );
  });
  return present(db, (await repo.findCase(db, id)) as repo.CaseRow, 'staff');
}

// ---- The company ---------------------------------------------------------------------------------

/** Mina ärenden: every case of the company, across all organisations. */
export async function listMyCases(db: Db, principal: Principal, page: { limit: number; offset: number }) {
  if (!principal.actingCompany) return { items: [], total: 0, totalIsLowerBound: false };
  const today = todayInSweden();
  const { rows, total, totalIsLowerBound } = await repo.listCases(
    db,
    { scopes: 'all', companyOrgnr: principal.actingCompany, sort: '-received' },
    page,
  );
  const all = await workflows(db);
  const names = {
    organisations: await organisationNames(db),
    offerings: await offeringTitles(
      db,
      rows.map((r) => r.offeringId),
    ),
  };
  return {
    items: rows.map((row) => toSummary(row, workflowOf(all, row.caseType), names, today)),
    total,
    totalIsLowerBound,
  };
}

async function companyCase(db: Db | Tx, principal: Principal, id: string): Promise<repo.CaseRow> {
  const row = await repo.findCase(db, id);
  if (!row || !companyMaySee(principal, row))
    throw new AppError('case_not_found', 'Ärendet finns inte eller så saknar du behörighet');
  return row;
}

export async function getMyCase(db: Db, principal: Principal, id: string): Promise<CaseResponse> {
  const row = await companyCase(db, principal, id);
  await repo.markMessagesRead(db, id);
  return present(db, row, 'company');
}

async function companyReply(db: Db, row: repo.CaseRow, actorId: string | null, body: string): Promise<void> {
  await db.transaction(async (tx) => {
    await repo.insertEvent(tx, {
      caseId: row.id,
      kind: 'reply',
      visibility: 'company',
      authorId: actorId,
      authorName: row.contactName,
      body,
    });
    await appendAudit(tx, {
      actorId,
      actorKind: actorId ? 'company' : 'follow-link',
      action: 'case.company_replied',
      entity: 'case',
      entityId: row.id,
      organisationId: row.organisationId,
    });
  });
}

async function companyWithdraw(db: Db, row: repo.CaseRow, actorId: string | null, expectedVersion: number | undefined) {
  await db.transaction(async (tx) => {
    const current = (await repo.findCaseForUpdate(tx, row.id)) as repo.CaseRow;
    checkVersion(current, expectedVersion);
    const workflow = workflowOf(await workflows(tx), current.caseType);
    const check = checkTransition(workflow, current.status, 'aterkallat', 'company');
    if (!check.ok) throw new AppError('illegal_transition', `Ärendet kan inte återkallas: ${check.reason}`);
    await repo.updateCase(tx, row.id, { status: 'aterkallat', closedAt: new Date() });
    await enqueueIndicatorRefresh(tx, { offeringId: current.offeringId });
    await repo.insertEvent(tx, {
      caseId: row.id,
      kind: 'withdrawn',
      visibility: 'company',
      authorId: actorId,
      data: { from: current.status, to: 'aterkallat' },
    });
    await appendAudit(tx, {
      actorId,
      actorKind: actorId ? 'company' : 'follow-link',
      action: 'case.withdrawn',
      entity: 'case',
      entityId: row.id,
      organisationId: row.organisationId,
    });
  });
}

export async function replyAsCompany(db: Db, principal: Principal, id: string, body: string): Promise<CaseResponse> {
  const row = await companyCase(db, principal, id);
  await companyReply(db, row, principal.userId, body);
  return present(db, row, 'company');
}

export async function withdrawAsCompany(db: Db, principal: Principal, id: string, expectedVersion: number | undefined) {
  const row = await companyCase(db, principal, id);
  await companyWithdraw(db, row, principal.userId, expectedVersion);
  return present(db, (await repo.findCase(db, id)) as repo.CaseRow, 'company');
}

// ---- The secret follow link (submitted without signing in) ----------------------------------------

async function followedCase(db: Db, token: string): Promise<repo.CaseRow> {
  const row = await repo.findByFollowToken(db, hashToken(token));
  if (!row) throw new AppError('case_not_found', 'Länken gäller inte (kontrollera att hela länken kom med)');
  return row;
}

/** Opening the follow link verifies the e-mail address (first time) and shows the company's view. */
export async function followCase(db: Db, token: string): Promise<CaseResponse> {
  let row = await followedCase(db, token);
  if (!row.emailVerifiedAt) {
    row = await db.transaction(async (tx) => {
      const verified = await repo.updateCase(tx, row.id, { emailVerifiedAt: new Date() });
      await enqueueIndicatorRefresh(tx, { offeringId: row.offeringId });
      await repo.insertEvent(tx, { caseId: row.id, kind: 'verified', visibility: 'company', data: {} });
      await appendAudit(tx, {
        actorKind: 'follow-link',
        action: 'case.email_verified',
        entity: 'case',
        entityId: row.id,
        organisationId: row.organisationId,
      });
      return verified;
    });
  }
  await repo.markMessagesRead(db, row.id);
  return present(db, row, 'company');
}

export async function replyByFollowLink(db: Db, token: string, body: string): Promise<CaseResponse> {
  const row = await followedCase(db, token);
  await companyReply(db, row, null, body);
  return present(db, row, 'company');
}

export async function withdrawByFollowLink(
  db: Db,
  token: string,
  expectedVersion: number | undefined,
): Promise<CaseResponse> {
  const row = await followedCase(db, token);
  await companyWithdraw(db, row, null, expectedVersion);
  return present(db, (await repo.findCase(db, row.id)) as repo.CaseRow, 'company');
}

// ---- Coordinated handling: parts ------------------------------------------------------------------

/**
 * A coordinator splits a case into parallel parts at other units or organisations (a restaurant
 * opening: bygglov + livsmedel + brandfarlig vara + serveringstillstånd). Each part gets its own
 * status, handler and due date; the company sees one case with its parts.
 */
export async function splitCase(
  db: Db,
  principal: Principal,
  id: string,
  offeringIds: string[],
): Promise<CaseResponse> {
  if (!principal.roles.includes('coordinator') && !principal.roles.includes('system-admin')) {
    throw new AppError('forbidden', 'Bara lotsen (samordnaren) delar upp ärenden i delar');
  }
  const offerings: OfferingResponse[] = [];
  for (const offeringId of new Set(offeringIds)) offerings.push(await offeringForCase(db, offeringId));
  const all = await workflows(db);
  const receivedOn = todayInSweden();
  await db.transaction(async (tx) => {
    const row = await repo.findCaseForUpdate(tx, id);
    if (!row) throw new AppError('case_not_found', 'Ärendet finns inte eller så saknar du behörighet');
    for (const offering of offerings) {
      const workflow = workflowOf(all, offering.caseType);
      const rule = await repo.matchingAssignmentRule(tx, {
        organisationId: offering.provider.id,
        unitId: offering.unit?.id ?? null,
        municipality: row.municipality,
        offeringId: offering.id,
      });
      const part = await repo.insertPart(tx, {
        caseId: id,
        organisationId: offering.provider.id,
        unitId: offering.unit?.id ?? null,
        offeringId: offering.id,
        title: offering.title.sv,
        caseType: offering.caseType,
        status: workflow.initial,
        dueOn: addWorkingDays(receivedOn, workflow.handlingDays),
        createdBy: principal.userId,
        assigneeId: rule?.assigneeId ?? null,
      });
      await repo.insertEvent(tx, {
        caseId: id,
        kind: 'part',
        visibility: 'company',
        authorId: principal.userId,
        body: `${offering.provider.name}: ${offering.title.sv}`,
        data: { partId: part.id, organisationId: offering.provider.id, offeringId: offering.id },
      });
      await appendAudit(tx, {
        actorId: principal.userId,
        actorKind: 'staff',
        action: 'case.part_created',
        entity: 'case',
        entityId: id,
        organisationId: row.organisationId,
        details: { partId: part.id, to: offering.provider.id, offeringId: offering.id },
      });
      if (rule) await recordAutoAssignment(tx, row, rule, part);
    }
    await repo.updateCase(tx, id, {});
  });
  sharedCases.clear();
  return present(db, (await repo.findCase(db, id)) as repo.CaseRow, 'staff');
}

/** Staff of the part's organisation or unit (or a coordinator) move the part through its workflow. */
export async function changePartStatus(
  db: Db,
  principal: Principal,
  caseId: string,
  partId: string,
  input: { status: string; expectedVersion: number | undefined },
  links: CaseLinks,
): Promise<CaseResponse> {
  const all = await workflows(db);
  await db.transaction(async (tx) => {
    const part = await repo.findPartForUpdate(tx, partId);
    if (
      !part ||
      part.caseId !== caseId ||
      !staffMaySee(principal, { organisationId: part.organisationId, unitId: part.unitId, companyOrgnr: null })
    ) {
      throw new AppError('case_not_found', 'Delen finns inte eller så saknar du behörighet');
    }
    if (input.expectedVersion === undefined) {
      throw new AppError('precondition_required', 'Skicka If-Match med delens version (ETag)');
    }
    if (part.version !== input.expectedVersion) {
      throw new AppError('precondition_failed', 'Delen har ändrats av någon annan sedan du läste den; läs in den igen');
    }
    const workflow = workflowOf(all, part.caseType);
    const check = checkTransition(workflow, part.status, input.status, 'staff');
    if (!check.ok) throw new AppError('illegal_transition', `Statusändringen nekades: ${check.reason}`);
    await repo.updatePart(tx, partId, {
      status: input.status,
      ...(isFinal(workflow, input.status) ? { closedAt: new Date() } : {}),
      ...(input.status === 'tilldelat' && !part.assigneeId ? { assigneeId: principal.userId } : {}),
    });
    const row = (await repo.findCaseForUpdate(tx, caseId)) as repo.CaseRow;
    await repo.insertEvent(tx, {
      caseId,
      kind: 'part_status',
      visibility: 'company',
      authorId: principal.userId,
      body: part.title,
      data: { partId, from: part.status, to: input.status },
    });
    await appendAudit(tx, {
      actorId: principal.userId,
      actorKind: 'staff',
      action: 'case.part_status_changed',
      entity: 'case',
      entityId: caseId,
      organisationId: part.organisationId,
      details: { partId, from: part.status, to: input.status },
    });
    const label = workflow.statuses.find((x) => x.code === input.status)?.sv ?? input.status;
    const updated = await repo.updateCase(tx, caseId, {});
    await notifyCompany(
      tx,
      updated ?? row,
      `Ny status i en del: ${label}`,
      `Delen "${part.title}" har nu status "${label}".`,
      links,
    );
  });
  return present(db, (await repo.findCase(db, caseId)) as repo.CaseRow, 'staff');
}

// ---- Consent and referral -------------------------------------------------------------------------

/** The company records its consent: to whom, what, and when (now). */
async function recordConsent(
  db: Db,
  row: repo.CaseRow,
  givenBy: string,
  input: { organisationId: string; purpose: string },
) {
  const names = await organisationNames(db);
  if (!names.has(input.organisationId))
    throw new AppError('organisation_not_found', `Organisationen ${input.organisationId} finns inte`);
  const active = (await repo.consentsOf(db, row.id)).find(
    (c) => c.organisationId === input.organisationId && !c.revokedAt,
  );
  if (active) return; // one active consent per organisation is enough; revoke it to change it
  await db.transaction(async (tx) => {
    const consent = await repo.insertConsent(tx, {
      caseId: row.id,
      organisationId: input.organisationId,
      purpose: input.purpose,
      givenBy,
    });
    await repo.insertEvent(tx, {
      caseId: row.id,
      kind: 'consent',
      visibility: 'company',
      body: `Samtycke till ${names.get(input.organisationId)}: ${input.purpose}`,
      data: { consentId: consent.id, organisationId: input.organisationId },
    });
    await appendAudit(tx, {
      actorKind: givenBy.startsWith('user:') ? 'company' : 'follow-link',
      ...(givenBy.startsWith('user:') ? { actorId: givenBy.slice(5) } : {}),
      action: 'case.consent_given',
      entity: 'case',
      entityId: row.id,
      organisationId: row.organisationId,
      details: { consentId: consent.id, to: input.organisationId, purpose: input.purpose },
    });
    await repo.updateCase(tx, row.id, {});
  });
}

export async function giveConsentAsCompany(
  db: Db,
  principal: Principal,
  id: string,
  input: { organisationId: string; purpose: string },
) {
  const row = await companyCase(db, principal, id);
  await recordConsent(db, row, `user:${principal.userId}`, input);
  return present(db, (await repo.findCase(db, id)) as repo.CaseRow, 'company');
}

export async function giveConsentByFollowLink(
  db: Db,
  token: string,
  input: { organisationId: string; purpose: string },
) {
  const row = await followedCase(db, token);
  await recordConsent(db, row, 'follow-link', input);
  return present(db, (await repo.findCase(db, row.id)) as repo.CaseRow, 'company');
}

async function withdrawConsent(db: Db, row: repo.CaseRow, consentId: string, actorId: string | null) {
  const names = await organisationNames(db);
  await db.transaction(async (tx) => {
    const revoked = await repo.revokeConsent(tx, row.id, consentId);
    if (!revoked) throw new AppError('not_found', 'Samtycket finns inte eller är redan återkallat');
    await repo.insertEvent(tx, {
      caseId: row.id,
      kind: 'consent',
      visibility: 'company',
      body: `Samtycket till ${names.get(revoked.organisationId) ?? revoked.organisationId} återkallades`,
      data: { consentId, organisationId: revoked.organisationId, revoked: true },
    });
    await appendAudit(tx, {
      actorId,
      actorKind: actorId ? 'company' : 'follow-link',
      action: 'case.consent_revoked',
      entity: 'case',
      entityId: row.id,
      organisationId: row.organisationId,
      details: { consentId },
    });
  });
  // The organisation referred to on this consent no longer sees the case (staffAccess, sharedCaseIds).
  sharedCases.clear();
}

export async function revokeConsentAsCompany(db: Db, principal: Principal, id: string, consentId: string) {
  const row = await companyCase(db, principal, id);
  await withdrawConsent(db, row, consentId, principal.userId);
  return present(db, (await repo.findCase(db, id)) as repo.CaseRow, 'company');
}

export async function revokeConsentByFollowLink(db: Db, token: string, consentId: string) {
  const row = await followedCase(db, token);
  await withdrawConsent(db, row, consentId, null);
  return present(db, (await repo.findCase(db, row.id)) as repo.CaseRow, 'company');
}

export async function documentByFollowLink(db: Db, token: string, documentId: string) {
  const row = await followedCase(db, token);
  const doc = await repo.findDocument(db, row.id, documentId);
  if (!doc || doc.visibility !== 'company') throw new AppError('not_found', 'Dokumentet finns inte');
  return doc;
}

/**
 * Refers a case to another organisation. A full referral needs the company's recorded, unrevoked
 * consent to that organisation; without it only an anonymous inquiry (no company data) can be
 * sent. Either way the referral is a routing correction the router learns from.
 */
export async function referCase(
  db: Db,
  principal: Principal,
  id: string,
  input: { toOfferingId: string; mode: 'full' | 'anonymous'; inquiry?: string },
): Promise<CaseResponse> {
  const { row } = await staffAccess(db, principal, id);
  const offering = await offeringForCase(db, input.toOfferingId);
  const to = offering.provider.id;
  if (to === row.organisationId)
    throw new AppError(
      'validation_failed',
      'Hänvisa till en annan organisation; inom organisationen används delar eller tilldelning',
    );
  let consentId: string | null = null;
  if (input.mode === 'full') {
    const consent = (await repo.consentsOf(db, id)).find((c) => c.organisationId === to && c.revokedAt === null);
    if (!consent) {
      throw new AppError(
        'consent_missing',
        `Företaget har inte samtyckt till att ärendet lämnas till ${offering.provider.name}. Be om samtycke, eller skicka en anonym förfrågan.`,
      );
    }
    consentId = consent.id;
  } else if (!input.inquiry) {
    throw new AppError(
      'validation_failed',
      'Skriv frågan som ska skickas anonymt (utan företagets namn eller personuppgifter)',
      [{ field: 'inquiry', message: 'saknas' }],
    );
  }
  await db.transaction(async (tx) => {
    const referral = await repo.insertReferral(tx, {
      caseId: id,
      fromOrganisationId: row.organisationId,
      toOrganisationId: to,
      toOfferingId: offering.id,
      mode: input.mode,
      consentId,
      inquiry: input.mode === 'anonymous' ? (input.inquiry ?? null) : null,
      createdBy: principal.userId,
    });
    await repo.insertEvent(tx, {
      caseId: id,
      kind: 'referral',
      visibility: input.mode === 'full' ? 'company' : 'internal',
      authorId: principal.userId,
      body:
        input.mode === 'full'
          ? `Ärendet har lämnats till ${offering.provider.name} (${offering.title.sv})`
          : `Anonym förfrågan till ${offering.provider.name}`,
      data: { referralId: referral.id, to, offeringId: offering.id, mode: input.mode },
    });
    await appendAudit(tx, {
      actorId: principal.userId,
      actorKind: 'staff',
      action: input.mode === 'full' ? 'case.referred' : 'case.anonymous_inquiry_sent',
      entity: 'case',
      entityId: id,
      organisationId: row.organisationId,
      details: { referralId: referral.id, to, offeringId: offering.id, consentId },
    });
    await repo.updateCase(tx, id, {});
  });
  sharedCases.clear();
  // A referral is a routing correction: the router learns where such needs belong.
  await correctRouting(db, {
    text: row.description,
    offeringId: offering.id,
    previousOfferingId: row.offeringId,
    source: 'referral',
    caseId: id,
    correctedBy: principal.userId,
  });
  return present(db, (await repo.findCase(db, id)) as repo.CaseRow, 'staff');
}

/** Anonymous inquiries sent to the principal's organisations. */
export async function anonymousInquiries(db: Db, principal: Principal, page: { limit: number; offset: number }) {
  const scopes = inboxScopes(principal);
  const orgs = scopes === 'all' ? 'all' : [...new Set(scopes.map((s) => s.organisationId))];
  const names = await organisationNames(db);
  const rows = await repo.anonymousInquiriesTo(db, orgs, page);
  return rows.map((r) => ({
    id: r.id,
    from: { id: r.fromOrganisationId, name: names.get(r.fromOrganisationId) ?? r.fromOrganisationId },
    to: { id: r.toOrganisationId, name: names.get(r.toOrganisationId) ?? r.toOrganisationId },
    offeringId: r.toOfferingId,
    inquiry: r.inquiry ?? '',
    createdAt: r.createdAt.toISOString(),
  }));
}

// ---- Documents ------------------------------------------------------------------------------------

export const DOCUMENT_TYPES: Record<string, string> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'text/plain': 'txt',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.oasis.opendocument.text': 'odt',
};
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

/** A safe file name: no directories, no control characters, bounded length. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '')
    .replace(/^\.+/, '')
    .trim()
    .slice(0, 200);
  if (!cleaned)
    throw new AppError('validation_failed', 'Filnamnet är ogiltigt', [{ field: 'name', message: 'ogiltigt filnamn' }]);
  return cleaned;
}

// Magic numbers, so that a file's declared type is what it really is.
function contentMatches(contentType: string, content: Buffer): boolean {
  const starts = (bytes: number[]) => bytes.every((b, i) => content[i] === b);
  switch (contentType) {
    case 'application/pdf':
      return starts([0x25, 0x50, 0x44, 0x46]);
    case 'image/png':
      return starts([0x89, 0x50, 0x4e, 0x47]);
    case 'image/jpeg':
      return starts([0xff, 0xd8, 0xff]);
    case 'text/plain':
      return !content.includes(0);
    default:
      return starts([0x50, 0x4b, 0x03, 0x04]); // zip-based office formats
  }
}

async function storeDocument(
  db: Db,
  row: repo.CaseRow,
  actor: { id: string | null; kind: 'staff' | 'company' | 'follow-link' },
  file: { name: string; contentType: string; content: Buffer },
  visibility: 'company' | 'internal',
) {
  const contentType = file.contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (!DOCUMENT_TYPES[contentType]) {
    throw new AppError(
      'unsupported_media_type',
      `Filtypen ${contentType || '(okänd)'} tas inte emot; tillåtna: PDF, PNG, JPEG, text, Word, Excel, ODT`,
    );
  }
  if (file.content.length === 0) throw new AppError('validation_failed', 'Filen är tom');
  if (file.content.length > MAX_DOCUMENT_BYTES) throw new AppError('payload_too_large', 'Filen är större än 10 MB');
  if (!contentMatches(contentType, file.content)) {
    throw new AppError(
      'unsupported_media_type',
      `Filens innehåll är inte ${DOCUMENT_TYPES[contentType]?.toUpperCase()}`,
    );
  }
  const fileName = safeFileName(file.name);
  await db.transaction(async (tx) => {
    const doc = await repo.insertDocument(tx, {
      caseId: row.id,
      fileName,
      contentType,
      size: file.content.length,
      sha256: createHash('sha256').update(file.content).digest('hex'),
      content: file.content,
      visibility,
      uploadedBy: actor.id,
      uploadedByKind: actor.kind,
    });
    await repo.insertEvent(tx, {
      caseId: row.id,
      kind: 'document',
      visibility,
      authorId: actor.id,
      body: fileName,
      data: { documentId: doc.id, size: doc.size },
    });
    await appendAudit(tx, {
      actorId: actor.id,
      actorKind: actor.kind,
      action: 'case.document_uploaded',
      entity: 'case',
      entityId: row.id,
      organisationId: row.organisationId,
      details: { documentId: doc.id, fileName, sha256: doc.sha256 },
    });
    await repo.updateCase(tx, row.id, {});
  });
}

export async function uploadAsStaff(
  db: Db,
  principal: Principal,
  id: string,
  file: { name: string; contentType: string; content: Buffer },
  visibility: 'company' | 'internal',
) {
  const row = await staffCase(db, principal, id);
  await storeDocument(db, row, { id: principal.userId, kind: 'staff' }, file, visibility);
  return present(db, (await repo.findCase(db, id)) as repo.CaseRow, 'staff');
}

export async function uploadAsCompany(
  db: Db,
  principal: Principal,
  id: string,
  file: { name: string; contentType: string; content: Buffer },
) {
  const row = await companyCase(db, principal, id);
  await storeDocument(db, row, { id: principal.userId, kind: 'company' }, file, 'company');
  return present(db, (await repo.findCase(db, id)) as repo.CaseRow, 'company');
}

export async function uploadByFollowLink(
  db: Db,
  token: string,
  file: { name: string; contentType: string; content: Buffer },
) {
  const row = await followedCase(db, token);
  await storeDocument(db, row, { id: null, kind: 'follow-link' }, file, 'company');
  return present(db, (await repo.findCase(db, row.id)) as repo.CaseRow, 'company');
}

export async function documentForStaff(db: Db, principal: Principal, id: string, documentId: string) {
  const { row, since } = await staffAccess(db, principal, id);
  const doc = await repo.findDocument(db, id, documentId);
  if (!doc || (since && doc.createdAt < since)) throw new AppError('not_found', 'Dokumentet finns inte');
  await appendAudit(db, {
    actorId: principal.userId,
    actorKind: 'staff',
    action: 'case.document_read',
    entity: 'case',
    entityId: id,
    organisationId: row.organisationId,
    details: { documentId },
  });
  return doc;
}

export async function documentForCompany(db: Db, principal: Principal, id: string, documentId: string) {
  await companyCase(db, principal, id);
  const doc = await repo.findDocument(db, id, documentId);
  if (!doc || doc.visibility !== 'company') throw new AppError('not_found', 'Dokumentet finns inte');
  return doc;
}

// ---- Export, archive and gallring --------------------------------------------------------------------

const EXPORT_HEADER = [
  'Diarienummer',
  'Organisation',
  'Enhet',
  'Erbjudande',
  'Ärendetyp',
  'Status',
  'Företag',
  'Kommun',
  'Mottaget',
  'Senast',
  'Försenat',
  'Handläggare',
];

/** The inbox as rows for a CSV or XLSX export (same filters and scope, at most 10,000 rows). */
export async function exportRows(db: Db, principal: Principal, query: InboxQuery) {
  const rows: (string | number | boolean | null)[][] = [];
  for (let offset = 0; offset < 10_000; offset += 100) {
    const page = await listInbox(db, principal, { ...query, limit: 100, offset });
    for (const c of page.items) {
      rows.push([
        c.diarienummer,
        c.organisation.name,
        c.unitId,
        c.offering.title,
        c.caseType,
        c.status.sv,
        c.companyName,
        c.municipality,
        c.receivedOn,
        c.dueOn,
        c.overdue ? 'ja' : 'nej',
        c.assigneeId,
      ]);
    }
    if (page.items.length < 100) break;
  }
  await appendAudit(db, {
    actorId: principal.userId,
    actorKind: 'staff',
    action: 'case.list_exported',
    entity: 'case',
    entityId: '*',
    details: { rows: rows.length, query },
  });
  return { header: EXPORT_HEADER, rows };
}

/** A closed case as an FGS/E-ARK archive package (zip), for the owning organisation. */
export async function archiveCase(
  db: Db,
  principal: Principal,
  id: string,
): Promise<{ diarienummer: string; zip: Uint8Array }> {
  const row = await repo.findCase(db, id);
  if (!row || !staffMaySee(principal, row))
    throw new AppError('case_not_found', 'Ärendet finns inte eller så saknar du behörighet');
  if (!row.closedAt)
    throw new AppError('conflict', `Ärendet ${row.diarienummer} är inte avslutat; bara avslutade ärenden arkiveras`);
  const kase = await present(db, row, 'staff');
  const zip = archivePackage(kase, await repo.allDocumentsOf(db, id), { createdAt: new Date(), creator: 'Lotsen' });
  await appendAudit(db, {
    actorId: principal.userId,
    actorKind: 'staff',
    action: 'case.archived',
    entity: 'case',
    entityId: id,
    organisationId: row.organisationId,
    details: { diarienummer: row.diarienummer, bytes: zip.length },
  });
  return { diarienummer: row.diarienummer, zip };
}

/** Gallring by each case type's rule: a dry run reports, `apply` deletes or anonymises. */
export async function retention(db: Db, options: { apply: boolean; now?: Date; actorId?: string | null }) {
  return runRetention(db, await workflows(db), options);
}
