/** Pure helpers of the knowledge page: textareas ↔ lists, checks before sending, problems → fields. */

export type KnowledgeField = 'keywords' | 'situations';
export type ThesaurusField = 'id' | 'phrases' | 'terms';

export interface ThesaurusEntry {
  id: string;
  phrases: string[];
  terms: string[];
}

/** One item per non-empty line, trimmed, duplicates dropped (as the server keeps them). */
export function toLines(text: string): string[] {
  return [...new Set(text.split('\n').map((line) => line.trim().replace(/\s+/g, ' ')))].filter(Boolean);
}

export const fromLines = (items: readonly string[]) => items.join('\n');

const tooLong = (items: string[], count: number, length: number) =>
  items.length > count || items.some((item) => item.length > length);

/** What is wrong with an offering's words before they are sent (the API's limits). */
export function knowledgeErrors(form: { keywords: string; situations: string }): Partial<Record<KnowledgeField, true>> {
  const errors: Partial<Record<KnowledgeField, true>> = {};
  if (tooLong(toLines(form.keywords), 100, 200)) errors.keywords = true;
  if (tooLong(toLines(form.situations), 50, 500)) errors.situations = true;
  return errors;
}

export const THESAURUS_ID = /^[a-z0-9][a-z0-9-]{0,79}$/;

/** What is wrong with a thesaurus entry before it is sent. */
export function thesaurusErrors(form: {
  id: string;
  phrases: string;
  terms: string;
}): Partial<Record<ThesaurusField, true>> {
  const errors: Partial<Record<ThesaurusField, true>> = {};
  if (!THESAURUS_ID.test(form.id.trim())) errors.id = true;
  const phrases = toLines(form.phrases);
  const terms = toLines(form.terms);
  if (phrases.length === 0 || tooLong(phrases, 50, 200)) errors.phrases = true;
  if (terms.length === 0 || tooLong(terms, 20, 100)) errors.terms = true;
  return errors;
}

/**
 * The form field a problem's `errors[].field` is about: the service names the field
 * (`keywords`), schema validation a pointer (`body/keywords/3`, `params/id`).
 */
export function problemField<F extends string>(field: string | undefined, fields: readonly F[]): F | null {
  if (!field) return null;
  const parts = field.split('/').filter((p) => p !== '' && p !== 'body' && p !== 'params');
  const name = parts[0];
  return fields.find((f) => f === name) ?? null;
}

/** Entries whose id, phrases or terms contain the filter text (case-insensitive). */
export function filterThesaurus(entries: readonly ThesaurusEntry[], filter: string): ThesaurusEntry[] {
  const q = filter.trim().toLocaleLowerCase('sv');
  if (!q) return [...entries];
  return entries.filter((e) => [e.id, ...e.phrases, ...e.terms].some((s) => s.toLocaleLowerCase('sv').includes(q)));
}
