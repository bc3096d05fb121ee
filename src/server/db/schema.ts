// Every table of Lotsen, one schema; drizzle-kit generates the migrations from this file.
export * from '../modules/catalogue/catalogue.tables.js';
export * from '../modules/intake/intake.tables.js';
export * from '../modules/access/access.tables.js';
