import { createHash, randomBytes } from 'node:crypto';
import type {
  CaseEventResponse,
  CaseResponse,
  CaseSummaryResponse,
  InboxQuery,
  SubmitCaseRequest,
} from '../../../contracts/cases.js';
import type { Db, Tx } from '../../db/client.js';
import { AppError } from '../../errors.js';
import type { Principal } from '../access/access.policies.js';
import { appendAudit } from '../audit/audit.repository.js';
import { getOffering, organisationNames } from '../catalogue/catalogue.service.js';
import { isMunicipalityCode } from '../catalogue/geography.js';
import { enqueueEmail } from '../outbox/outbox.repository.js';
import { checkTransition, DEFAULT_WORKFLOWS, isFinal, type Workflow } from './case-status.js';
import { companyMaySee, inboxScopes, staffMaySee } from './cases.policies.js';
import * as repo from './cases.repository.js';
import { diariumPrefix, formatDiarienummer } from './diarienummer.js';
import { addWorkingDays, todayInSweden } from './working-days.js';

/** Where links in e-mails point. */
export interface CaseLinks {
  publicBaseUrl: string;
}

/** Stores the default workflows for case types that have none yet (admins may have edited them). */
export async function ensureWorkflows(db: Db): Promise<void> {
  for (const workflow of DEFAULT_WORKFLOWS) await repo.insertWorkflowIfMissing(db, workflow.caseType, workflow);
}

async function workflows(db: Db | Tx): Promise<Map<string, Workflow>> {
  const rows = await repo.workflowDefinitions(db);
  const map = new Map(DEFAULT_WORKFLOWS.map((w) => [w.caseType, w]));
  for (const row of rows) map.set(row.caseType, row.definition as Workflow);
  return map;
}

function workflowOf(all: Map<string, Workflow>, caseType: string): Workflow {
  const workflow = all.get(caseType);
  if (!workflow) throw new AppError('internal', `no workflow for case type ${caseType}`);
  return workflow;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

async function offeringTitles(db: Db, ids: string[]): Promise<Map<string, string>> {
  const titles = new Map<string, string>();
  for (const id of new Set(ids)) titles.set(id, (await getOffering(db, id)).title.sv);
  return titles;
}

function toSummary(
  row: repo.CaseRow,
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
    awaitingVerification: row.emailVerifiedAt === null && row.submittedBy === null,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
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

async function present(db: Db, row: repo.CaseRow, view: 'staff' | 'company'): Promise<CaseResponse> {
  const all = await workflows(db);
  const workflow = workflowOf(all, row.caseType);
  const names = { organisations: await organisationNames(db), offerings: await offeringTitles(db, [row.offeringId]) };
  const events = await repo.eventsOf(db, row.id, view === 'company');
  const transitions = (view === 'company' ? workflow.byCompany : workflow.transitions)[row.status] ?? [];
  return {
    ...toSummary(row, workflow, names, todayInSweden()),
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
 * Opens a case at the offering's provider and unit, in one transaction: the case with its
 * diarienummer, the first timeline event, the audit entry and the e-mail in the outbox.
 * With an Idempotency-Key a retried request returns the first case instead of creating another.
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
  if (scopedKey) {
    const existing = await repo.findByIdempotencyKey(db, scopedKey);
    if (existing) return { case: await present(db, existing, 'company'), replayed: true };
  }
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
  const offering = await getOffering(db, input.offeringId);
  const all = await workflows(db);
  const workflow = workflowOf(all, offering.caseType);
  const now = options.now ?? new Date();
  const receivedOn = todayInSweden(now);
  const year = Number(receivedOn.slice(0, 4));
  const followToken = principal ? undefined : randomBytes(32).toString('base64url');
  const followUrl = followToken ? `${options.links.publicBaseUrl}/folj/${followToken}` : undefined;

  let row: repo.CaseRow;
  try {
    row = await db.transaction(async (tx) => {
      const sequence = await repo.nextDiariumSequence(tx, offering.provider.id, year);
      const diarienummer = formatDiarienummer(diariumPrefix(offering.provider.id), year, sequence);
      const created = await repo.insertCase(tx, {
        diarienummer,
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
        dueOn: addWorkingDays(receivedOn, workflow.handlingDays),
        followTokenHash: followToken ? hashToken(followToken) : null,
        idempotencyKey: scopedKey ?? null,
      });
      await repo.insertEvent(tx, {
        caseId: created.id,
        kind: 'submitted',
        visibility: 'company',
        authorId: principal?.userId ?? null,
        authorName: input.contact.name,
        body: input.description,
        data: { offeringId: offering.id, status: workflow.initial },
      });
      await appendAudit(tx, {
        actorId: principal?.userId ?? null,
        actorKind: principal ? 'company' : 'anonymous',
        action: 'case.submitted',
        entity: 'case',
        entityId: created.id,
        organisationId: created.organisationId,
        details: { diarienummer, offeringId: offering.id },
      });
      await enqueueEmail(tx, {
        to: input.contact.email,
        subject: followUrl
          ? `Bekräfta ditt ärende ${diarienummer} hos ${offering.provider.name}`
          : `Vi har tagit emot ditt ärende ${diarienummer}`,
        text: [
          `Hej ${input.contact.name},`,
          '',
          `${offering.provider.name} har tagit emot ditt ärende "${offering.title.sv}" med diarienummer ${diarienummer}.`,
          `Vi lovar svar senast ${created.dueOn} (${workflow.handlingDays} arbetsdagar).`,
          '',
          followUrl
            ? `Bekräfta din e-postadress och följ ärendet här (länken är personlig, dela den inte):\n${followUrl}`
            : `Följ ärendet under Mina ärenden: ${options.links.publicBaseUrl}/mina-arenden`,
          '',
          'Med vänlig hälsning',
          'Lotsen – en dörr in för företag',
        ].join('\n'),
      });
      return created;
    });
  } catch (error) {
    // Two requests with one Idempotency-Key at once: the unique key lets only one case in.
    if (scopedKey && (error as { cause?: { code?: string }; code?: string }).cause?.code === '23505') {
      const existing = await repo.findByIdempotencyKey(db, scopedKey);
      if (existing) return { case: await present(db, existing, 'company'), replayed: true };
    }
    if (scopedKey && (error as { code?: string }).code === '23505') {
      const existing = await repo.findByIdempotencyKey(db, scopedKey);
      if (existing) return { case: await present(db, existing, 'company'), replayed: true };
    }
    throw error;
  }
  return { case: await present(db, row, 'company'), ...(followUrl ? { followUrl } : {}), replayed: false };
}

// ---- Staff -------------------------------------------------------------------------------------

async function staffCase(db: Db | Tx, principal: Principal, id: string): Promise<repo.CaseRow> {
  const row = await repo.findCase(db, id);
  // Not found and not yours look the same: a case's existence is itself confidential.
  if (!row || !staffMaySee(principal, row))
    throw new AppError('case_not_found', 'Ärendet finns inte eller så saknar du behörighet');
  return row;
}

export async function listInbox(db: Db, principal: Principal, query: InboxQuery) {
  const today = todayInSweden();
  const { rows, total } = await repo.listCases(
    db,
    {
      scopes: inboxScopes(principal),
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
  return { items: rows.map((row) => toSummary(row, workflowOf(all, row.caseType), names, today)), total };
}

/** A staff member reads a case: the read itself is audited. */
export async function getCaseForStaff(db: Db, principal: Principal, id: string): Promise<CaseResponse> {
  const row = await staffCase(db, principal, id);
  await appendAudit(db, {
    actorId: principal.userId,
    actorKind: 'staff',
    action: 'case.read',
    entity: 'case',
    entityId: row.id,
    organisationId: row.organisationId,
    details: { diarienummer: row.diarienummer },
  });
  return present(db, row, 'staff');
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
): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = await repo.casesByIds(tx, caseIds);
    if (rows.length !== new Set(caseIds).size || rows.some((r) => !staffMaySee(principal, r))) {
      throw new AppError('case_not_found', 'Minst ett av ärendena finns inte eller så saknar du behörighet');
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
  if (!principal.actingCompany) return { items: [], total: 0 };
  const today = todayInSweden();
  const { rows, total } = await repo.listCases(
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
  return { items: rows.map((row) => toSummary(row, workflowOf(all, row.caseType), names, today)), total };
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
