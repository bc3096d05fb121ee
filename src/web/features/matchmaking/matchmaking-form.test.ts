import { describe, expect, it } from 'vitest';
import { matchRoute, paths } from '../../lib/routes.js';
import { emptyDraft, readDraft } from './matchmaking-form.js';

const municipalities = [{ code: '1980', name: 'Västerås', county: '19' }];
const contact = { name: 'Erik Lindqvist', email: 'erik@example.se' };

describe('the matchmaking profile form', () => {
  it('lists every field that needs fixing, in the form’s order', () => {
    const read = readDraft({ ...emptyDraft({ name: '', email: 'nope' }), markets: 'Tyskland' }, municipalities);
    expect(read).toEqual({
      ok: false,
      errors: ['displayName', 'summary', 'needs', 'markets', 'contactName', 'contactEmail'],
    });
  });

  it('normalises topics, markets and the municipality into the request body', () => {
    const read = readDraft(
      {
        ...emptyDraft(contact),
        displayName: ' Mälardalens Elmotor AB ',
        summary: 'Vi vill ut på den tyska marknaden.',
        seeks: ['research-collaboration', 'export-partnership'],
        topics: 'Elmotorer, batterier,, elmotorer',
        markets: 'de no',
        municipality: 'vasteras',
      },
      municipalities,
    );
    expect(read).toMatchObject({
      ok: true,
      body: {
        displayName: 'Mälardalens Elmotor AB',
        seeks: ['export-partnership', 'research-collaboration'],
        offers: [],
        topics: ['elmotorer', 'batterier'],
        markets: ['DE', 'NO'],
        municipality: '1980',
        contact,
      },
    });
  });

  it('rejects a municipality that does not exist', () => {
    const read = readDraft(
      {
        ...emptyDraft(contact),
        displayName: 'AB',
        summary: '0123456789',
        offers: ['supplier'],
        municipality: 'Atlantis',
      },
      municipalities,
    );
    expect(read).toEqual({ ok: false, errors: ['municipality'] });
  });

  it('has its page at /matchning', () => {
    expect(matchRoute(paths.matchmaking)).toEqual({ page: 'matchmaking' });
    expect(matchRoute('/matchning/x')).toEqual({ page: 'not-found' });
  });
});
