import type { Db } from '../../db/client.js';
import { allOfferings, thesaurus } from '../catalogue/catalogue.service.js';
import { createRouter } from './routing/router.js';
import type { LearnedExample, RoutableOffering, Router } from './routing/types.js';

/** The router over the catalogue, thesaurus and learned corrections as they are in the database. */
export async function loadRouter(db: Db, examples: LearnedExample[] = []): Promise<Router> {
  const [offerings, entries] = await Promise.all([allOfferings(db), thesaurus(db)]);
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
