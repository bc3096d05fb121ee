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
