import { describe, expect, it } from 'vitest';
import {
  filterThesaurus,
  fromLines,
  knowledgeErrors,
  problemField,
  thesaurusErrors,
  toLines,
} from './knowledge-form.js';

describe('knowledge form', () => {
  it('turns a textarea into trimmed, distinct, non-empty lines and back', () => {
    expect(toLines(' bygglov \n\n  skylt  på fasad\nbygglov\n')).toEqual(['bygglov', 'skylt på fasad']);
    expect(fromLines(['a', 'b'])).toBe('a\nb');
  });

  it('checks the API limits before sending', () => {
    expect(knowledgeErrors({ keywords: 'a\nb', situations: '' })).toEqual({});
    expect(knowledgeErrors({ keywords: 'x'.repeat(201), situations: '' })).toEqual({ keywords: true });
    expect(thesaurusErrors({ id: 'fikavagn', phrases: 'fikavagn', terms: 'livsmedel' })).toEqual({});
    expect(thesaurusErrors({ id: 'Fel Id', phrases: '', terms: 'x' })).toEqual({ id: true, phrases: true });
  });

  it("maps a problem's field to the form field", () => {
    expect(problemField('keywords', ['keywords', 'situations'])).toBe('keywords');
    expect(problemField('body/situations/2', ['keywords', 'situations'])).toBe('situations');
    expect(problemField('params/id', ['id', 'phrases', 'terms'])).toBe('id');
    expect(problemField('body', ['keywords'])).toBeNull();
  });

  it('filters thesaurus entries by id, phrase or term', () => {
    const entries = [
      { id: 'export', phrases: ['sälja utomlands'], terms: ['export'] },
      { id: 'fikavagn', phrases: ['Fikavagn'], terms: ['livsmedel'] },
    ];
    expect(filterThesaurus(entries, 'UTOMLANDS').map((e) => e.id)).toEqual(['export']);
    expect(filterThesaurus(entries, 'livs').map((e) => e.id)).toEqual(['fikavagn']);
    expect(filterThesaurus(entries, ' ')).toHaveLength(2);
  });
});
