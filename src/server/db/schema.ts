// Every table of Lotsen, one schema; drizzle-kit generates the migrations from this file.

export * from '../modules/access/access.tables.js';
export * from '../modules/audit/audit.tables.js';
export * from '../modules/cases/cases.tables.js';
export * from '../modules/catalogue/catalogue.tables.js';
export * from '../modules/establishment/establishment.tables.js';
export * from '../modules/events/events.tables.js';
export * from '../modules/intake/intake.tables.js';
export * from '../modules/jobs/jobs.tables.js';
export * from '../modules/matchmaking/matchmaking.tables.js';
export * from '../modules/outbox/outbox.tables.js';
export * from '../modules/strategy/strategy.tables.js';
