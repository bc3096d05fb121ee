import { describe, expect, it } from 'vitest';
import { en } from './en.js';
import { isLanguage, labelOf, pickLocalised, storedLanguage } from './language.js';
import { sv } from './sv.js';

/** The dotted paths of every leaf, with arrays' lengths, to compare the two languages' shapes. */
function shape(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return [`${path}[${value.length}]`];
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => shape(v, `${path}.${k}`));
  return [`${path}:${typeof value}`];
}

/** Every string (functions called with sample values), to look for empty messages. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'function') return [String(value(2, 3))];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

describe('messages', () => {
  it('has the same keys in English as in Swedish, and no empty message', () => {
    expect(shape(en)).toEqual(shape(sv));
    for (const s of [...strings(sv), ...strings(en)]) expect(s.trim()).not.toBe('');
  });

  it('labels every topic and offering kind of the catalogue in both languages', () => {
    const topics = [
      'export',
      'finansiering',
      'tillstand',
      'radgivning',
      'innovation',
      'kompetens',
      'starta',
      'hallbarhet',
      'etablering',
      'natverk',
      'digitalisering',
    ];
    for (const messages of [sv, en]) {
      for (const topic of topics) expect(labelOf(messages.labels.topics, topic)).not.toBe(topic);
    }
    expect(labelOf(sv.labels.topics, 'okant-amne')).toBe('okant-amne');
  });
});

describe('language', () => {
  it('falls back to Swedish when nothing valid is stored or storage throws', () => {
    expect(storedLanguage(undefined)).toBe('sv');
    expect(storedLanguage({ getItem: () => 'de' })).toBe('sv');
    expect(
      storedLanguage({
        getItem: () => {
          throw new Error('blocked');
        },
      }),
    ).toBe('sv');
    expect(storedLanguage({ getItem: () => 'en' })).toBe('en');
    expect(isLanguage('en')).toBe(true);
  });

  it('picks English catalogue text when there is one, and marks the Swedish fallback', () => {
    expect(pickLocalised({ sv: 'Lån', en: 'Loan' }, 'en')).toEqual({ text: 'Loan', lang: 'en' });
    expect(pickLocalised({ sv: 'Lån', en: null }, 'en')).toEqual({ text: 'Lån', lang: 'sv' });
    expect(pickLocalised({ sv: 'Lån', en: 'Loan' }, 'sv')).toEqual({ text: 'Lån', lang: 'sv' });
  });
});
