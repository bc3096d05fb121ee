import { describe, expect, it } from 'vitest';
import { filtersToSearch, offeringsApiPath, pageCount, parseFilters } from './catalogue-filters.js';

describe('catalogue filters', () => {
  it('ignores malformed values in the address', () => {
    expect(parseFilters('?amne=<script>&kommun=12&sida=-3&typ=&q=%20%20')).toEqual({ page: 1 });
    expect(parseFilters('?sida=2.5')).toEqual({ page: 1 });
  });

  it('reads the Swedish parameters and writes them back the same way', () => {
    const search = '?amne=export&typ=advice&kommun=0127&q=s%C3%A4lja+utomlands&sida=3';
    const filters = parseFilters(search);
    expect(filters).toEqual({ topic: 'export', kind: 'advice', municipality: '0127', q: 'sälja utomlands', page: 3 });
    expect(parseFilters(filtersToSearch(filters))).toEqual(filters);
    expect(filtersToSearch({ page: 1 })).toBe('');
  });

  it('asks the API for the page with its offset', () => {
    expect(offeringsApiPath({ topic: 'export', municipality: '1980', page: 3 })).toBe(
      '/api/offerings?topic=export&municipality=1980&limit=20&offset=40',
    );
    expect(offeringsApiPath({ q: 'lån & bidrag', page: 1 })).toBe(
      '/api/offerings?q=l%C3%A5n+%26+bidrag&limit=20&offset=0',
    );
  });

  it('counts at least one page', () => {
    expect(pageCount(0)).toBe(1);
    expect(pageCount(20)).toBe(1);
    expect(pageCount(21)).toBe(2);
  });
});
