import { describe, expect, it } from 'vitest';
import { fieldOf, MAX_TEXT, toRouteRequest, whyLine } from './intake-form.js';

const municipalities = [{ code: '0127', name: 'Botkyrka', county: '01' }];
const draft = { text: '', place: '', stage: '', size: '' };

describe('toRouteRequest', () => {
  it('asks for a text, refuses a too long one and an unknown municipality', () => {
    expect(toRouteRequest({ ...draft, text: '  a ' }, municipalities, 'sv')).toEqual({
      problems: { text: 'required' },
    });
    expect(toRouteRequest({ ...draft, text: 'x'.repeat(MAX_TEXT + 1) }, municipalities, 'sv')).toEqual({
      problems: { text: 'too-long' },
    });
    expect(toRouteRequest({ ...draft, text: 'Vi vill exportera', place: 'Gotham' }, municipalities, 'sv')).toEqual({
      problems: { municipality: 'unknown-municipality' },
    });
  });

  it('sends the trimmed text with only what was given, the municipality as kommunkod', () => {
    expect(toRouteRequest({ ...draft, text: ' Vi vill exportera ' }, municipalities, 'en')).toEqual({
      request: { text: 'Vi vill exportera', language: 'en' },
    });
    expect(
      toRouteRequest(
        { text: 'Öppna restaurang', place: 'botkyrka', stage: 'start', size: '0-9' },
        municipalities,
        'sv',
      ),
    ).toEqual({
      request: { text: 'Öppna restaurang', municipality: '0127', stage: 'start', size: '0-9', language: 'sv' },
    });
  });

  it('drops a stage or size the API does not know', () => {
    expect(toRouteRequest({ ...draft, text: 'Export', stage: 'ide', size: '7' }, municipalities, 'sv')).toEqual({
      request: { text: 'Export', language: 'sv' },
    });
  });
});

describe('fieldOf', () => {
  it('finds the form field in the pointer forms the API uses', () => {
    expect(fieldOf('body/text')).toBe('text');
    expect(fieldOf('/municipality')).toBe('municipality');
    expect(fieldOf('body.text')).toBe('text');
    expect(fieldOf('body/size')).toBeUndefined();
    expect(fieldOf(undefined)).toBeUndefined();
  });
});

describe('whyLine', () => {
  const reasons = [
    { kind: 'words' as const, text: { sv: 'Du skrev ”lån”', en: 'You wrote “loan”' } },
    { kind: 'geography' as const, text: { sv: 'Finns i Botkyrka.', en: 'Available in Botkyrka.' } },
    { kind: 'topic' as const, text: { sv: 'Du skrev ”lån”', en: 'You wrote “loan”' } },
  ];

  it('makes one sentence of the first reason, in the reader’s language', () => {
    expect(whyLine(reasons, 'sv')).toBe('Du skrev ”lån”.');
    expect(whyLine(reasons, 'en')).toBe('You wrote “loan”.');
    expect(whyLine([], 'sv')).toBe('');
  });

  it('joins distinct reasons when asked for more', () => {
    expect(whyLine(reasons, 'sv', 3)).toBe('Du skrev ”lån”. Finns i Botkyrka.');
  });
});
