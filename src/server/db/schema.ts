// Every table of Lotsen, one schema; drizzle-kit generates the migrations from this file.
export * from '../modules/catalogue/catalogue.tables.js';
