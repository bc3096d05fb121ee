import { Type } from 'typebox';
import { MunicipalityCode, Problem } from '../../../contracts/common.js';
import {
  CreateInquiryRequest,
  EstablishmentSiteList,
  EstablishmentSiteQuery,
  EstablishmentSiteResponse,
  InquiryList,
  InquiryListQuery,
  InquiryResponse,
  LinkCaseRequest,
  MapResponse,
  MoveInquiryRequest,
  UpdateInquiryRequest,
} from '../../../contracts/establishment.js';
import { principalOf } from '../../http/principal.js';
import type { App, AppDeps } from '../../http/types.js';
import { INQUIRY_ROUTE_ROLES } from './establishment.policies.js';
import * as establishment from './establishment.service.js';

const SiteParams = Type.Object(
  { id: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,119}$' }) },
  { additionalProperties: false },
);
const InquiryParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };

/**
 * Sites for establishment (public) and investment inquiries (the investment team only: the
 * route admits staff roles, the service narrows to the team and answers others as if nothing
 * were there).
 */
export function establishmentRoutes(app: App, { database }: AppDeps) {
  const { db } = database;

  app.get(
    '/api/establishment/sites',
    {
      config: { access: 'public' },
      schema: {
        tags: ['establishment'],
        summary: 'Sites for establishment with plan status, services, availability and contact',
        querystring: EstablishmentSiteQuery,
        response: { 200: EstablishmentSiteList, 400: Problem },
      },
    },
    async (request) => establishment.listSites(db, request.query),
  );

  app.get(
    '/api/establishment/sites/:id',
    {
      config: { access: 'public' },
      schema: {
        tags: ['establishment'],
        summary: 'One site for establishment',
        params: SiteParams,
        response: { 200: EstablishmentSiteResponse, 400: Problem, 404: Problem },
      },
    },
    async (request) => establishment.getSite(db, request.params.id),
  );

  app.get(
    '/api/establishment/map',
    {
      config: { access: 'public' },
      schema: {
        tags: ['establishment'],
        summary: 'Simplified municipality outlines (WGS 84) for the offline site map',
        querystring: Type.Object({ municipality: Type.Optional(MunicipalityCode) }, { additionalProperties: false }),
        response: { 200: MapResponse, 400: Problem },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'public, max-age=3600');
      return establishment.mapOutlines(db, request.query.municipality);
    },
  );

  app.get(
    '/api/investment-inquiries',
    {
      config: { access: INQUIRY_ROUTE_ROLES },
      schema: {
        tags: ['establishment'],
        summary: "The investment team's confidential pipeline (empty for staff outside the team)",
        querystring: InquiryListQuery,
        response: { 200: InquiryList, ...errors },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return establishment.listInquiries(db, principalOf(request), request.query);
    },
  );

  app.post(
    '/api/investment-inquiries',
    {
      config: { access: INQUIRY_ROUTE_ROLES },
      schema: {
        tags: ['establishment'],
        summary: 'Register an investment inquiry (a lead) with its requirements',
        body: CreateInquiryRequest,
        response: { 201: InquiryResponse, ...errors },
      },
    },
    async (request, reply) => {
      const inquiry = await establishment.createInquiry(db, principalOf(request), request.body);
      return reply.code(201).header('location', `/api/investment-inquiries/${inquiry.id}`).send(inquiry);
    },
  );

  app.get(
    '/api/investment-inquiries/:id',
    {
      config: { access: INQUIRY_ROUTE_ROLES },
      schema: {
        tags: ['establishment'],
        summary: 'One inquiry with its history, linked permit cases and suggested sites (the read is audited)',
        params: InquiryParams,
        response: { 200: InquiryResponse, ...errors },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return establishment.getInquiry(db, principalOf(request), request.params.id);
    },
  );

  app.patch(
    '/api/investment-inquiries/:id',
    {
      config: { access: INQUIRY_ROUTE_ROLES },
      schema: {
        tags: ['establishment'],
        summary: 'Change an inquiry’s facts or requirements (optimistic: send the version you read)',
        params: InquiryParams,
        body: UpdateInquiryRequest,
        response: { 200: InquiryResponse, ...errors, 409: Problem },
      },
    },
    async (request) => establishment.updateInquiry(db, principalOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/investment-inquiries/:id/stage',
    {
      config: { access: INQUIRY_ROUTE_ROLES },
      schema: {
        tags: ['establishment'],
        summary:
          'Move an inquiry along the pipeline (lead → dialogue → site visit → offer → decision → established | lost)',
        params: InquiryParams,
        body: MoveInquiryRequest,
        response: { 200: InquiryResponse, ...errors, 409: Problem },
      },
    },
    async (request) => establishment.moveInquiry(db, principalOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/investment-inquiries/:id/cases',
    {
      config: { access: INQUIRY_ROUTE_ROLES },
      schema: {
        tags: ['establishment'],
        summary: 'Link a permit case (by case id) once the investor goes ahead',
        params: InquiryParams,
        body: LinkCaseRequest,
        response: { 200: InquiryResponse, ...errors, 409: Problem },
      },
    },
    async (request) => establishment.linkCase(db, principalOf(request), request.params.id, request.body.caseId),
  );
}
