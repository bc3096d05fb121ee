import type { LearnedExample } from './types.js';

/** A text as a unit-length vector of weighted terms. */
export type TermVector = Map<string, number>;

export function normalizeVector(vector: TermVector): TermVector {
  let sum = 0;
  for (const v of vector.values()) sum += v * v;
  const length = Math.sqrt(sum);
  if (length === 0) return vector;
  const unit: TermVector = new Map();
  for (const [term, v] of vector) unit.set(term, v / length);
  return unit;
}

export interface Neighbour {
  offeringId: string;
  text: string;
  similarity: number;
}

/**
 * The coordinators' corrections, searchable by similarity: a new request is compared (cosine over
 * weighted terms) with every stored request, through an inverted index so that thousands of
 * corrections stay cheap.
 */
export class ExampleIndex {
  private readonly postings = new Map<string, { example: number; weight: number }[]>();
  private readonly examples: LearnedExample[];

  constructor(examples: readonly LearnedExample[], vectorize: (text: string) => TermVector) {
    this.examples = [...examples];
    this.examples.forEach((example, index) => {
      for (const [term, weight] of vectorize(example.text)) {
        const list = this.postings.get(term) ?? [];
        list.push({ example: index, weight });
        this.postings.set(term, list);
      }
    });
  }

  get size(): number {
    return this.examples.length;
  }

  /** The `k` most similar stored requests at or above `minSimilarity`, most similar first. */
  nearest(query: TermVector, k: number, minSimilarity: number): Neighbour[] {
    if (this.examples.length === 0) return [];
    const sims = new Map<number, number>();
    for (const [term, weight] of query) {
      for (const p of this.postings.get(term) ?? [])
        sims.set(p.example, (sims.get(p.example) ?? 0) + weight * p.weight);
    }
    return [...sims]
      .filter(([, s]) => s >= minSimilarity)
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([index, similarity]) => {
        const example = this.examples[index] as LearnedExample;
        return { offeringId: example.offeringId, text: example.text, similarity };
      });
  }
}
