import { describe, expect, it } from 'vitest';
import {
  assigneeKind,
  assigneeLabel,
  documentContentType,
  formatDay,
  inboxApiPath,
  inboxSearch,
  MAX_DOCUMENT_BYTES,
  mayHandle,
  parseInboxFilters,
} from './case-format.js';

describe('documentContentType', () => {
  it('refuses empty, too large and unknown files before anything is sent', () => {
    expect(documentContentType({ name: 'a.pdf', type: 'application/pdf', size: 0 })).toEqual({ problem: 'empty' });
    expect(documentContentType({ name: 'a.pdf', type: 'application/pdf', size: MAX_DOCUMENT_BYTES + 1 })).toEqual({
      problem: 'too-large',
    });
    expect(documentContentType({ name: 'run.exe', type: 'application/x-msdownload', size: 10 })).toEqual({
      problem: 'type',
    });
  });

  it('takes the browser’s type, or the file ending when the browser gives none', () => {
    expect(documentContentType({ name: 'ritning.pdf', type: 'application/pdf', size: 10 })).toEqual({
      contentType: 'application/pdf',
    });
    expect(documentContentType({ name: 'Budget.XLSX', type: '', size: 10 })).toEqual({
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
    expect(documentContentType({ name: 'bild.jpeg', type: '', size: 10 })).toEqual({ contentType: 'image/jpeg' });
  });
});

describe('the inbox filters in the URL', () => {
  it('ignores what is not a filter and keeps the defaults out of the URL', () => {
    expect(parseInboxFilters('?status=DROP%20TABLE&handlaggare=nagon&sortering=x&sida=-2')).toEqual({
      sort: 'due',
      page: 1,
    });
    expect(inboxSearch({ sort: 'due', page: 1 })).toBe('');
  });

  it('reads back what it writes, and asks the API for the same page', () => {
    const filters = parseInboxFilters(
      '?status=mottaget&forsenade=ja&handlaggare=me&erbjudande=botkyrka-kommun-bygglov&kommun=0127&sortering=-received&sida=3',
    );
    expect(parseInboxFilters(inboxSearch(filters))).toEqual(filters);
    expect(inboxApiPath(filters)).toBe(
      '/api/cases?status=mottaget&overdue=true&assignee=me&offering=botkyrka-kommun-bygglov&municipality=0127&sort=-received&limit=20&offset=40',
    );
  });

  it('shows the open cases unless the closed ones or all are asked for', () => {
    expect(parseInboxFilters('').state).toBeUndefined();
    expect(inboxApiPath(parseInboxFilters(''))).not.toContain('state=');
    for (const [visa, state] of [
      ['avslutade', 'closed'],
      ['alla', 'all'],
    ] as const) {
      const filters = parseInboxFilters(`?visa=${visa}`);
      expect(filters.state).toBe(state);
      expect(inboxSearch(filters)).toBe(`?visa=${visa}`);
      expect(inboxApiPath(filters)).toContain(`state=${state}`);
    }
    expect(parseInboxFilters('?visa=oppna&visa=x').state).toBeUndefined();
  });
});

describe('who may handle what', () => {
  const jonas = {
    roles: ['case-worker'],
    memberships: [{ organisationId: 'botkyrka-kommun', unitId: 'bygglov', role: 'case-worker' }],
  };
  const karin = {
    roles: ['coordinator'],
    memberships: [{ organisationId: 'region-vastmanland', unitId: null, role: 'coordinator' }],
  };

  it('lets a unit member handle the unit’s and the organisation’s own cases, not another unit’s', () => {
    expect(mayHandle(jonas, { organisationId: 'botkyrka-kommun', unitId: 'bygglov' })).toBe(true);
    expect(mayHandle(jonas, { organisationId: 'botkyrka-kommun', unitId: null })).toBe(true);
    expect(mayHandle(jonas, { organisationId: 'botkyrka-kommun', unitId: 'miljo' })).toBe(false);
    expect(mayHandle(jonas, { organisationId: 'almi-malardalen', unitId: null })).toBe(false);
  });

  it('lets a coordinator handle everything', () => {
    expect(mayHandle(karin, { organisationId: 'botkyrka-kommun', unitId: 'miljo' })).toBe(true);
  });

  it('says who handles a case without naming colleagues', () => {
    expect(assigneeKind(null, 'me')).toBe('none');
    expect(assigneeKind('me', 'me')).toBe('me');
    expect(assigneeKind('someone', 'me')).toBe('other');
  });

  it('names the handler when they are one of my colleagues, and only then', () => {
    const words = { assignee: { me: 'Du', other: 'En kollega', none: 'Ingen ännu' }, unnamedColleague: 'Utan namn' };
    const colleagues = [
      { id: 'anders', name: 'Anders Nyström' },
      { id: 'invited', name: null },
    ];
    expect(assigneeLabel('anders', 'me', colleagues, words)).toBe('Anders Nyström');
    expect(assigneeLabel('invited', 'me', colleagues, words)).toBe('Utan namn');
    expect(assigneeLabel('stranger', 'me', colleagues, words)).toBe('En kollega');
    expect(assigneeLabel('me', 'me', colleagues, words)).toBe('Du');
    expect(assigneeLabel(null, 'me', colleagues, words)).toBe('Ingen ännu');
  });

  it("keeps a colleague's id as the assignee filter, and nothing else that is not me or none", () => {
    const id = '01a24e50-7f2d-7000-8836-b462a7bfc356';
    const filters = parseInboxFilters(`?handlaggare=${id}`);
    expect(filters.assignee).toBe(id);
    expect(inboxApiPath(filters)).toContain(`assignee=${id}`);
    expect(inboxSearch(filters)).toBe(`?handlaggare=${id}`);
    expect(parseInboxFilters('?handlaggare=01a24e50-not-a-uuid').assignee).toBeUndefined();
  });
});

describe('formatDay', () => {
  it('writes a due date the Swedish way, and in English', () => {
    expect(formatDay('2026-06-15', 'sv')).toBe('15 juni 2026');
    expect(formatDay('2026-06-15', 'en')).toBe('15 June 2026');
  });
});
