import { Type } from 'typebox';
import { Problem } from '../../../contracts/common.js';
import {
  CreateProfileRequest,
  MatchList,
  OwnProfile,
  OwnProfileList,
  ProfileListQuery,
  PublicProfileList,
  UpdateProfileRequest,
} from '../../../contracts/matchmaking.js';
import { principalOf } from '../../http/principal.js';
import type { App, AppDeps } from '../../http/types.js';
import { BOARD_ROLES, PARTICIPANT_ROLES } from './matchmaking.policies.js';
import * as matchmaking from './matchmaking.service.js';

const ProfileParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
const InterestParams = Type.Object(
  { id: Type.String({ format: 'uuid' }), otherId: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
);
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };

/** Matchmaking between companies, and between companies and researchers; contacts by double opt-in. */
export function matchmakingRoutes(app: App, { database }: AppDeps) {
  const { db } = database;

  app.get(
    '/api/matchmaking/profiles',
    {
      config: { access: BOARD_ROLES },
      schema: {
        tags: ['matchmaking'],
        summary: 'What companies and researchers seek and offer (no contact details)',
        querystring: ProfileListQuery,
        response: { 200: PublicProfileList, ...errors },
      },
    },
    async (request) => matchmaking.listProfiles(db, request.query),
  );

  app.get(
    '/api/matchmaking/profiles/mine',
    {
      config: { access: PARTICIPANT_ROLES },
      schema: {
        tags: ['matchmaking'],
        summary: 'The profiles of the company I act for, or of my organisation',
        response: { 200: OwnProfileList, ...errors },
      },
    },
    async (request) => matchmaking.myProfiles(db, principalOf(request)),
  );

  app.post(
    '/api/matchmaking/profiles',
    {
      config: { access: PARTICIPANT_ROLES },
      schema: {
        tags: ['matchmaking'],
        summary: 'Publish what my company (or research group) seeks and offers',
        body: CreateProfileRequest,
        response: { 201: OwnProfile, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await matchmaking.createProfile(db, principalOf(request), request.body)),
  );

  app.patch(
    '/api/matchmaking/profiles/:id',
    {
      config: { access: PARTICIPANT_ROLES },
      schema: {
        tags: ['matchmaking'],
        summary: 'Change or withdraw (active: false) my profile',
        params: ProfileParams,
        body: UpdateProfileRequest,
        response: { 200: OwnProfile, ...errors },
      },
    },
    async (request) => matchmaking.updateProfile(db, principalOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/matchmaking/profiles/:id/matches',
    {
      config: { access: PARTICIPANT_ROLES },
      schema: {
        tags: ['matchmaking'],
        summary: 'Suggested matches for my profile, with reasons; contacts only when both sides agreed',
        params: ProfileParams,
        response: { 200: MatchList, ...errors },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return matchmaking.matchesFor(db, principalOf(request), request.params.id);
    },
  );

  app.put(
    '/api/matchmaking/profiles/:id/interest/:otherId',
    {
      config: { access: PARTICIPANT_ROLES },
      schema: {
        tags: ['matchmaking'],
        summary: 'I want to be put in touch with this profile (contacts are shared when they want it too)',
        params: InterestParams,
        response: { 200: MatchList, ...errors },
      },
    },
    async (request) =>
      matchmaking.setInterest(db, principalOf(request), request.params.id, request.params.otherId, true),
  );

  app.delete(
    '/api/matchmaking/profiles/:id/interest/:otherId',
    {
      config: { access: PARTICIPANT_ROLES },
      schema: {
        tags: ['matchmaking'],
        summary: 'Take back my wish to be put in touch (hides the contacts again)',
        params: InterestParams,
        response: { 200: MatchList, ...errors },
      },
    },
    async (request) =>
      matchmaking.setInterest(db, principalOf(request), request.params.id, request.params.otherId, false),
  );
}
