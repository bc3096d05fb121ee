/**
 * How well two published profiles fit, and why. Pure. A pair is a match only when at least one
 * side offers something the other seeks; topics, markets and nearness then order the matches.
 */
export interface MatchFacts {
  id: string;
  /** Profiles of the same company or organisation are never matched with each other. */
  owner: string;
  seeks: readonly string[];
  offers: readonly string[];
  topics: readonly string[];
  markets: readonly string[];
  municipality: string | null;
}

export type ReasonKind = 'they-offer' | 'you-offer' | 'topics' | 'markets' | 'nearby';
export interface Reason {
  kind: ReasonKind;
  values: string[];
}

export interface Score {
  score: number;
  reasons: Reason[];
}

const normalise = (values: readonly string[]) => [...new Set(values.map((v) => v.trim().toLowerCase()))];
const intersect = (a: readonly string[], b: readonly string[]) => {
  const set = new Set(b);
  return a.filter((x) => set.has(x));
};

/** Scores `other` from the point of view of `me` (0 when they do not fit at all). */
export function scoreMatch(me: MatchFacts, other: MatchFacts): Score {
  if (me.id === other.id || me.owner === other.owner) return { score: 0, reasons: [] };
  const theyOffer = intersect(me.seeks, other.offers);
  const youOffer = intersect(other.seeks, me.offers);
  if (theyOffer.length === 0 && youOffer.length === 0) return { score: 0, reasons: [] };

  const reasons: Reason[] = [];
  let score = 0;
  if (theyOffer.length > 0) {
    score += 0.4;
    reasons.push({ kind: 'they-offer', values: theyOffer });
  }
  if (youOffer.length > 0) {
    score += 0.25;
    reasons.push({ kind: 'you-offer', values: youOffer });
  }
  const myTopics = normalise(me.topics);
  const theirTopics = normalise(other.topics);
  const sharedTopics = intersect(myTopics, theirTopics);
  if (sharedTopics.length > 0) {
    const union = new Set([...myTopics, ...theirTopics]).size;
    score += 0.2 * (sharedTopics.length / union);
    reasons.push({ kind: 'topics', values: sharedTopics });
  }
  const sharedMarkets = intersect(me.markets, other.markets);
  if (sharedMarkets.length > 0) {
    score += 0.1;
    reasons.push({ kind: 'markets', values: sharedMarkets });
  }
  // Same county (the first two digits of the kommunkod): near enough to meet.
  if (me.municipality && other.municipality && me.municipality.slice(0, 2) === other.municipality.slice(0, 2)) {
    score += 0.05;
    reasons.push({ kind: 'nearby', values: [other.municipality] });
  }
  return { score: Math.round(score * 100) / 100, reasons };
}

/** The profiles that fit `me`, best first (ties by id, so the order is stable). */
export function suggestMatches(me: MatchFacts, others: readonly MatchFacts[]): (Score & { id: string })[] {
  return others
    .map((o) => ({ id: o.id, ...scoreMatch(me, o) }))
    .filter((m) => m.score > 0)
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
}
