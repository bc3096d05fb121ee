import { describe, expect, it } from 'vitest';
import { mailtoHref } from '../features/accessibility/mailto.js';
import { queryString, toApiError } from './api.js';
import { excerpt } from './text.js';

describe('toApiError', () => {
  it('keeps a generic code for answers that are not problem+json', () => {
    expect(toApiError(502, '<html>')).toMatchObject({ status: 502, code: 'internal' });
    expect(toApiError(418, { message: 'teapot' })).toMatchObject({ status: 418, code: 'unknown' });
  });

  it('reads code, detail and field errors from problem+json', () => {
    const error = toApiError(400, {
      code: 'validation_failed',
      detail: 'Begäran har ogiltiga värden',
      errors: [{ field: 'body/text', message: 'för kort' }, 'nonsense'],
    });
    expect(error).toMatchObject({ status: 400, code: 'validation_failed', detail: 'Begäran har ogiltiga värden' });
    expect(error.errors).toEqual([{ field: 'body/text', message: 'för kort' }]);
  });
});

describe('queryString', () => {
  it('leaves out empty values', () => {
    expect(queryString({ a: '', b: undefined, c: null })).toBe('');
    expect(queryString({ topic: 'export', limit: 20 })).toBe('?topic=export&limit=20');
  });
});

describe('excerpt', () => {
  it('keeps short text and cuts long text at a word', () => {
    expect(excerpt('Kort  text.')).toBe('Kort text.');
    expect(excerpt('ett två tre fyra fem sex', 14)).toBe('ett två tre…');
  });
});

describe('mailtoHref', () => {
  it('encodes subject and body with %20 and line breaks', () => {
    expect(mailtoHref('a@b.se', 'Hej då', 'rad 1\nrad 2 & mer')).toBe(
      'mailto:a@b.se?subject=Hej%20d%C3%A5&body=rad%201%0Arad%202%20%26%20mer',
    );
  });
});
