import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import type { Access, Principal } from '../modules/access/access.policies.js';
import type { ReceivedMail } from '../modules/outbox/mailer.js';
import type { RequestRate } from './load.js';

/** What the app needs from the process; `main.ts` and the tests provide it. */
export interface AppDeps {
  database: Database;
  config: Config;
  /** Demo and development only: the local mailbox whose received mail /dev/mailbox shows. */
  mailbox?: { messages: readonly ReceivedMail[] };
  /** Counts the requests begun, for background work that yields while the front door is busy. */
  requestRate?: RequestRate;
}

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call the route; required on every route (see access.policies.ts). */
    access?: Access;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}
