import type { IntakeRequest, IntakeResponse, RouteResultResponse } from '../../../contracts/intake.js';
import type { Db } from '../../db/client.js';
import { ProcessCache } from '../../db/process-cache.js';
import { AppError } from '../../errors.js';
import { allOfferings, getOffering, offeringsByIds, thesaurus } from '../catalogue/catalogue.service.js';
import { isCountyCode, isMunicipalityCode } from '../catalogue/geography.js';
import * as repo from './intake.repository.js';
import { createRouter } from './routing/router.js';
import type { LearnedExample, RoutableOffering, RouteResult, Router } from './routing/types.js';

/** The router over the catalogue, thesaurus and learned corrections as they are in the database. */
export async function loadRouter(db: Db, options: { examples?: LearnedExample[] } = {}): Promise<Router> {
  const [offerings, entries, corrections] = await Promise.all([
    allOfferings(db),
    thesaurus(db),
    options.examples ? Promise.resolve(null) : repo.allCorrections(db),
  ]);
  const examples = options.examples ?? (corrections ?? []).map((c) => ({ text: c.text, offeringId: c.offeringId }));
  const routable: RoutableOffering[] = offerings.map((o) => ({
    id: o.id,
    providerId: o.provider.id,
    providerName: o.provider.name,
    unitId: o.unit?.id ?? null,
    title: { sv: o.title.sv, ...(o.title.en ? { en: o.title.en } : {}) },
    summary: { sv: o.summary.sv, ...(o.summary.en ? { en: o.summary.en } : {}) },
    topics: o.topics,
    kind: o.kind,
    caseType: o.caseType,
    audience: o.audience,
    geography: o.geography,
    keywords: o.keywords,
    situations: o.situations,
  }));
  return createRouter({ offerings: routable, thesaurus: entries, examples });
}

/**
 * Keeps one router per process and rebuilds it when this process changes what it depends on,
 * and at most `maxAgeMs` after another process may have.
 */
export class RouterCache {
  private readonly cache: ProcessCache<Router>;

  constructor(
    private readonly db: Db,
    maxAgeMs = 30_000,
  ) {
    this.cache = new ProcessCache(loadRouter, maxAgeMs);
  }

  get(): Promise<Router> {
    return this.cache.get(this.db);
  }

  invalidate(): void {
    this.cache.clear(this.db);
  }
}

function checkContext(request: IntakeRequest) {
  if (request.municipality && !isMunicipalityCode(request.municipality))
    throw new AppError('invalid_municipality', `Kommunkoden ${request.municipality} finns inte i SCB:s lista`, [
      { field: 'municipality', message: 'okänd kommunkod' },
    ]);
  if (request.county && !isCountyCode(request.county))
    throw new AppError('invalid_county', `Länskoden ${request.county} finns inte i SCB:s lista`, [
      { field: 'county', message: 'okänd länskod' },
    ]);
}

async function present(db: Db, row: repo.IntakeRow): Promise<IntakeResponse> {
  const stored = row.result as RouteResult;
  let result: RouteResultResponse;
  if (stored.kind === 'match') {
    const shown = await offeringsByIds(
      db,
      stored.offerings.map((o) => o.offeringId),
    );
    const offerings = new Map(shown.map((o) => [o.id, o]));
    result = {
      kind: 'match',
      offerings: stored.offerings.flatMap((ranked) => {
        const offering = offerings.get(ranked.offeringId);
        return offering ? [{ offering, score: ranked.score, reasons: ranked.reasons }] : [];
      }),
    };
  } else {
    result = { kind: 'no-match', guidance: stored.guidance };
  }
  return {
    intakeId: row.id,
    createdAt: row.createdAt.toISOString(),
    request: { text: row.text, municipality: row.municipality, stage: row.stage, size: row.size },
    result,
    chosenOfferingId: row.chosenOfferingId,
  };
}

/** Routes a company's need and stores the request with the answer given. */
export async function routeIntake(db: Db, router: Router, request: IntakeRequest): Promise<IntakeResponse> {
  checkContext(request);
  const text = request.text.trim();
  if (text.length < 3) {
    throw new AppError('validation_failed', 'Beskriv behovet med några ord', [{ field: 'text', message: 'för kort' }]);
  }
  const result = router.route({
    text,
    ...(request.municipality ? { municipality: request.municipality } : {}),
    ...(request.county ? { county: request.county } : {}),
    ...(request.stage ? { stage: request.stage } : {}),
    ...(request.size ? { size: request.size } : {}),
    ...(request.sni ? { sni: request.sni } : {}),
  });
  const row = await repo.insertIntake(db, {
    text,
    municipality: request.municipality ?? null,
    stage: request.stage ?? null,
    size: request.size ?? null,
    sni: request.sni ?? null,
    language: request.language ?? 'sv',
    result,
  });
  return present(db, row);
}

export async function getIntake(db: Db, id: string): Promise<IntakeResponse> {
  const row = await repo.findIntake(db, id);
  if (!row) throw new AppError('intake_not_found', 'Förfrågan finns inte');
  return present(db, row);
}

/** The company picked one of the offerings it was shown. */
export async function chooseOffering(db: Db, intakeId: string, offeringId: string): Promise<void> {
  const row = await repo.findIntake(db, intakeId);
  if (!row) throw new AppError('intake_not_found', 'Förfrågan finns inte');
  const result = row.result as RouteResult;
  const shown = result.kind === 'match' && result.offerings.some((o) => o.offeringId === offeringId);
  if (!shown) {
    throw new AppError('validation_failed', 'Erbjudandet fanns inte bland förslagen', [
      { field: 'offeringId', message: 'inte ett av förslagen' },
    ]);
  }
  await repo.setChoice(db, intakeId, offeringId);
}

/**
 * A coordinator or case worker says where a request really belonged. The pair is stored and the
 * router learns from it for similar requests.
 */
export async function correctRouting(
  db: Db,
  correction: {
    text: string;
    offeringId: string;
    previousOfferingId?: string | null;
    source: 'intake' | 'case' | 'referral' | 'import';
    intakeId?: string;
    caseId?: string;
    correctedBy?: string;
  },
): Promise<void> {
  await getOffering(db, correction.offeringId); // refuses an unknown offering
  await repo.insertCorrection(db, {
    text: correction.text,
    offeringId: correction.offeringId,
    previousOfferingId: correction.previousOfferingId ?? null,
    source: correction.source,
    intakeId: correction.intakeId ?? null,
    caseId: correction.caseId ?? null,
    correctedBy: correction.correctedBy ?? null,
  });
}

/** Re-routes a stored intake to another offering (a routing correction). */
export async function correctIntake(db: Db, intakeId: string, offeringId: string, correctedBy: string | undefined) {
  const row = await repo.findIntake(db, intakeId);
  if (!row) throw new AppError('intake_not_found', 'Förfrågan finns inte');
  const result = row.result as RouteResult;
  await correctRouting(db, {
    text: row.text,
    offeringId,
    previousOfferingId:
      row.chosenOfferingId ?? (result.kind === 'match' ? (result.offerings[0]?.offeringId ?? null) : null),
    source: 'intake',
    intakeId,
    ...(correctedBy ? { correctedBy } : {}),
  });
}
