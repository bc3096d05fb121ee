import { describe, expect, it } from 'vitest';
import { type MatchFacts, scoreMatch, suggestMatches } from './match-scoring.js';

function buildProfile(overrides: Partial<MatchFacts> = {}): MatchFacts {
  return {
    id: 'p',
    owner: 'company:5599000014',
    seeks: [],
    offers: [],
    topics: [],
    markets: [],
    municipality: null,
    ...overrides,
  };
}

const sme = buildProfile({
  id: 'sme',
  owner: 'company:5599000022',
  seeks: ['export-partnership', 'research-collaboration'],
  offers: ['supplier'],
  topics: ['elmotorer', 'batterier'],
  markets: ['DE', 'NO'],
  municipality: '1980',
});

describe('scoring a match between two profiles', () => {
  it('finds no match when neither side offers what the other seeks', () => {
    expect(scoreMatch(sme, buildProfile({ id: 'x', offers: ['customer'], topics: ['elmotorer'] })).score).toBe(0);
  });

  it('never matches two profiles of the same owner', () => {
    expect(scoreMatch(sme, buildProfile({ id: 'twin', owner: sme.owner, offers: ['export-partnership'] })).score).toBe(
      0,
    );
  });

  it('matches an SME seeking to go abroad with a large exporter, and says why', () => {
    const exporter = buildProfile({
      id: 'exporter',
      owner: 'company:5560000001',
      seeks: ['supplier'],
      offers: ['export-partnership'],
      topics: ['Batterier'],
      markets: ['DE'],
      municipality: '1907',
    });
    const { score, reasons } = scoreMatch(sme, exporter);
    expect(score).toBeGreaterThan(0.65);
    expect(reasons).toEqual([
      { kind: 'they-offer', values: ['export-partnership'] },
      { kind: 'you-offer', values: ['supplier'] },
      { kind: 'topics', values: ['batterier'] },
      { kind: 'markets', values: ['DE'] },
      { kind: 'nearby', values: ['1907'] },
    ]);
  });

  it('ranks a researcher who offers collaboration on the same topic above one on another topic', () => {
    const same = buildProfile({
      id: 'r1',
      owner: 'organisation:mdu',
      offers: ['research-collaboration'],
      topics: ['batterier'],
    });
    const other = buildProfile({
      id: 'r2',
      owner: 'organisation:oru',
      offers: ['research-collaboration'],
      topics: ['mat'],
    });
    expect(suggestMatches(sme, [other, same]).map((m) => m.id)).toEqual(['r1', 'r2']);
  });

  it('is symmetric in whether a pair matches at all', () => {
    const b = buildProfile({ id: 'b', owner: 'company:x', seeks: ['supplier'] });
    expect(scoreMatch(sme, b).score > 0).toBe(scoreMatch(b, sme).score > 0);
  });
});
