import { Type } from 'typebox';
import {
  OfferingList,
  OfferingListQuery,
  OfferingResponse,
  OrganisationList,
  OrganisationResponse,
  RegionsResponse,
  SiteList,
  StrategyList,
} from '../../../contracts/catalogue.js';
import { MunicipalityCode, PageQuery, Problem } from '../../../contracts/common.js';
import { principalOf } from '../../http/principal.js';
import type { App, AppDeps } from '../../http/types.js';
import * as catalogue from './catalogue.service.js';
import { counties, municipalities } from './geography.js';

const page = (q: { limit?: number; offset?: number }) => ({ limit: q.limit ?? 20, offset: q.offset ?? 0 });
const Id = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,119}$' });
const problems = { 400: Problem, 404: Problem };

/** The public, read-only catalogue: organisations, offerings, strategies, sites and SCB regions. */
export function catalogueRoutes(app: App, { database }: AppDeps) {
  const { db } = database;

  app.get(
    '/api/organisations',
    {
      config: { access: 'public' },
      schema: {
        tags: ['catalogue'],
        summary: 'Organisations behind the front door, with their units',
        querystring: Type.Object({ ...PageQuery }, { additionalProperties: false }),
        response: { 200: OrganisationList, 400: Problem },
      },
    },
    async (request) => catalogue.listOrganisations(db, page(request.query)),
  );

  app.get(
    '/api/organisations/:id',
    {
      config: { access: 'public' },
      schema: {
        tags: ['catalogue'],
        summary: 'One organisation with its units',
        params: Type.Object({ id: Id }),
        response: { 200: OrganisationResponse, ...problems },
      },
    },
    async (request) => catalogue.getOrganisation(db, request.params.id),
  );

  app.get(
    '/api/offerings',
    {
      config: { access: 'public' },
      schema: {
        tags: ['catalogue'],
        summary: 'Offerings, filtered by topic, kind, provider, municipality or county served, and text',
        querystring: OfferingListQuery,
        response: { 200: OfferingList, 400: Problem },
      },
    },
    async (request) => {
      const { limit, offset, ...filter } = request.query;
      return catalogue.listOfferings(db, filter, page({ limit, offset }));
    },
  );

  app.get(
    '/api/offerings/:id',
    {
      config: { access: 'public' },
      schema: {
        tags: ['catalogue'],
        summary: 'One offering with its provider',
        params: Type.Object({ id: Id }),
        response: { 200: OfferingResponse, ...problems },
      },
    },
    async (request) => catalogue.getOffering(db, request.params.id),
  );

  app.get(
    '/api/strategies',
    {
      config: { access: 'public' },
      schema: {
        tags: ['catalogue'],
        summary: 'Strategies and action plans as trees',
        querystring: Type.Object({ ...PageQuery }, { additionalProperties: false }),
        response: { 200: StrategyList, 400: Problem },
      },
    },
    async (request) => {
      const trees = await catalogue.strategyTrees(db);
      const { limit, offset } = page(request.query);
      return { items: trees.slice(offset, offset + limit), total: trees.length };
    },
  );

  app.get(
    '/api/sites',
    {
      config: { access: 'public' },
      schema: {
        tags: ['catalogue'],
        summary: 'Sites for establishment',
        querystring: Type.Object(
          { municipality: Type.Optional(MunicipalityCode), ...PageQuery },
          { additionalProperties: false },
        ),
        response: { 200: SiteList, 400: Problem },
      },
    },
    async (request) => {
      const { limit, offset, ...filter } = request.query;
      return catalogue.listSites(db, filter, page({ limit, offset }));
    },
  );

  app.get(
    '/api/regions',
    {
      config: { access: 'public' },
      schema: {
        tags: ['catalogue'],
        summary: "SCB's counties and municipalities",
        response: { 200: RegionsResponse },
      },
    },
    async () => ({ counties: [...counties], municipalities: [...municipalities] }),
  );
}

const KnowledgeRequest = Type.Object(
  {
    keywords: Type.Array(Type.String({ maxLength: 200 }), { maxItems: 100 }),
    situations: Type.Array(Type.String({ maxLength: 500 }), { maxItems: 50 }),
  },
  { additionalProperties: false },
);
const ThesaurusEntry = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,79}$' }),
    phrases: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { minItems: 1, maxItems: 50 }),
    terms: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { minItems: 1, maxItems: 20 }),
  },
  { additionalProperties: false },
);
const ThesaurusBody = Type.Object(
  { phrases: ThesaurusEntry.properties.phrases, terms: ThesaurusEntry.properties.terms },
  { additionalProperties: false },
);

/**
 * What providers know (keywords, typical situations) and the router's thesaurus, kept by
 * organisation admins. `onChange` lets the router pick the change up at once.
 */
export function knowledgeRoutes(app: App, { database }: AppDeps, onChange: () => void) {
  const { db } = database;
  const adminErrors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };

  app.put(
    '/api/offerings/:id/knowledge',
    {
      config: { access: ['org-admin', 'system-admin'] },
      schema: {
        tags: ['catalogue'],
        summary: "Keep an offering's keywords and typical situations (the provider's organisation admins)",
        params: Type.Object({ id: Id }),
        body: KnowledgeRequest,
        response: { 200: OfferingResponse, ...adminErrors },
      },
    },
    async (request) => {
      const updated = await catalogue.updateOfferingKnowledge(
        db,
        principalOf(request),
        request.params.id,
        request.body,
      );
      onChange();
      return updated;
    },
  );

  app.get(
    '/api/thesaurus',
    {
      config: { access: ['org-admin', 'system-admin', 'coordinator'] },
      schema: {
        tags: ['catalogue'],
        summary: "The router's thesaurus: everyday phrasings and synonyms → the catalogue's terms",
        response: { 200: Type.Array(ThesaurusEntry), 401: Problem, 403: Problem },
      },
    },
    async () => catalogue.thesaurus(db),
  );

  app.put(
    '/api/thesaurus/:id',
    {
      config: { access: ['org-admin', 'system-admin'] },
      schema: {
        tags: ['catalogue'],
        summary: 'Add or change a thesaurus entry',
        params: Type.Object({ id: ThesaurusEntry.properties.id }),
        body: ThesaurusBody,
        response: { 200: ThesaurusEntry, ...adminErrors },
      },
    },
    async (request) => {
      const saved = await catalogue.saveThesaurusEntry(db, principalOf(request), {
        id: request.params.id,
        ...request.body,
      });
      onChange();
      return saved;
    },
  );

  app.delete(
    '/api/thesaurus/:id',
    {
      config: { access: ['org-admin', 'system-admin'] },
      schema: {
        tags: ['catalogue'],
        summary: 'Remove a thesaurus entry',
        params: Type.Object({ id: ThesaurusEntry.properties.id }),
        response: { 204: Type.Null(), ...adminErrors },
      },
    },
    async (request, reply) => {
      await catalogue.deleteThesaurusEntry(db, principalOf(request), request.params.id);
      onChange();
      return reply.code(204).send(null);
    },
  );
}
