import { describe, expect, it } from 'vitest';
import { Analyzer, derive, editDistance, fold, stem } from './text.js';

const catalogueText = [
  'Exportrådgivning och exportstöd för små och medelstora företag',
  'Registrering av livsmedelsverksamhet för den som säljer livsmedel',
  'Finansiering och lån till företagare, företagslån',
  'Bygglov för tillbyggnad och skyltar',
  'Rekrytering av personal',
  'Serveringstillstånd för alkohol',
];
const thesaurus = [
  { id: 'lan', phrases: ['lån', 'låna'], terms: ['finansiering'] },
  { id: 'lander', phrases: ['tyskland'], terms: ['utomlands'] },
  { id: 'export', phrases: ['sälja utomlands'], terms: ['export'] },
];
const analyzer = new Analyzer(catalogueText, thesaurus);
analyzer.setTypoTargets(
  new Map(
    catalogueText
      .flatMap((t) => analyzer.analyze(t, { correctTypos: false }).hits.map((h) => h.term))
      .map((term) => [term, 1] as const),
  ),
);

function terms(text: string): string[] {
  return analyzer.analyze(text, { correctTypos: true }).hits.map((h) => h.term);
}

describe('folding and stemming', () => {
  it('folds å, ä and ö so that text typed without them meets the catalogue', () => {
    expect(fold('Företagslån på Öland')).toBe('foretagslan pa oland');
  });

  it('gives "foretag" and "företagen" the same term', () => {
    expect(terms('foretag')).toEqual(terms('företagen'));
  });

  it('joins a verb and its -ering noun', () => {
    expect(derive(stem('planerar'))).toBe(derive(stem('planering')));
  });
});

describe('compound words', () => {
  it('splits exportstöd into export and stöd', () => {
    expect(analyzer.splitCompound(fold('exportstöd'))).toEqual(['export', stem('stod')]);
  });

  it('splits livsmedelsregistrering across the linking s', () => {
    const parts = analyzer.splitCompound(fold('livsmedelsregistrering'));
    expect(parts[0]).toBe(stem('livsmedel'));
    expect(parts[1]).toBe(derive(stem('registrering')));
  });

  it('finds the company in småföretagare', () => {
    expect(analyzer.splitCompound(fold('småföretagare'))).toContain(stem('foretagare'));
  });

  it('leaves företag whole rather than före + tag', () => {
    expect(analyzer.splitCompound(fold('företag'))).toEqual([]);
  });

  it('reduces a definite form that Snowball keeps whole ("exportstödet")', () => {
    expect(analyzer.splitCompound(fold('exportstödet'))).toEqual(['export', stem('stod')]);
  });
});

describe('misspellings', () => {
  it('counts an adjacent swap as one edit', () => {
    expect(editDistance('bygglvo', 'bygglov', 2)).toBe(1);
  });

  it('corrects a misspelt rare word towards the catalogue', () => {
    expect(terms('finanisering')).toContain(analyzer.normalize('finansiering'));
    expect(terms('serveringstilstånd')).toContain(analyzer.normalize('serveringstillstand'));
  });

  it('does not correct a short everyday word into a catalogue word', () => {
    expect(analyzer.analyze('mamma', { correctTypos: true }).hits.every((h) => h.source !== 'typo')).toBe(true);
  });
});

describe('English', () => {
  it('maps English words to Swedish ones in an English sentence', () => {
    const t = terms('We want to sell our robots in Germany and need a loan');
    expect(t).toContain(analyzer.normalize('salja'));
    expect(t).toContain(analyzer.normalize('lan'));
    expect(t).toContain(analyzer.normalize('tyskland'));
  });
});

describe('thesaurus', () => {
  it('adds the concept of a one-word phrase, also inside a compound', () => {
    expect(terms('banklånet')).toContain(analyzer.normalize('finansiering'));
  });

  it('lets entries build on each other: a country makes "sälja … utomlands" match', () => {
    expect(terms('vi vill sälja våra maskiner i Tyskland')).toContain('export');
  });

  it('allows a few words between the words of a phrase but not many', () => {
    expect(terms('sälja våra fina maskiner utomlands')).toContain('export');
    expect(terms('sälja en gammal bil och sedan resa runt hela världen utomlands')).not.toContain('export');
  });
});
