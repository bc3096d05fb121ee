import type { ThesaurusEntry } from './types.js';

/** A thesaurus phrase compiled to stems: when it occurs in a text, the entry's concept terms are added. */
export interface PhraseRule {
  entryId: string;
  stems: string[];
  terms: string[];
}

/** One word position in a text, with every stem that stands for it (its own, a correction, compound parts). */
export interface StemmedToken {
  stems: readonly { stem: string }[];
}

export interface ThesaurusMatch {
  entryId: string;
  /** Token positions of the first and last word of the phrase. */
  start: number;
  end: number;
  terms: string[];
}

/** Words of a phrase may be this many words apart ("sälja våra nya maskiner utomlands"). */
const PHRASE_GAP = 3;

/**
 * Thesaurus entries compiled for matching: phrases and terms are normalised with the same function
 * as the texts they are matched against, so "Lån", "lånet" and "lan" all hit the entry "lån".
 */
export class CompiledThesaurus {
  private readonly byFirstStem = new Map<string, PhraseRule[]>();

  constructor(entries: readonly ThesaurusEntry[], words: (phrase: string) => string[]) {
    for (const entry of entries) {
      const terms = [...new Set(entry.terms.flatMap(words))];
      if (terms.length === 0) continue;
      for (const phrase of entry.phrases) {
        const stems = words(phrase);
        const first = stems[0];
        if (first === undefined) continue;
        const rules = this.byFirstStem.get(first) ?? [];
        rules.push({ entryId: entry.id, stems, terms });
        this.byFirstStem.set(first, rules);
      }
    }
  }

  /** Every phrase occurrence in the token sequence. A one-word phrase also matches a compound part. */
  match(tokens: readonly StemmedToken[]): ThesaurusMatch[] {
    const matches: ThesaurusMatch[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i] as StemmedToken;
      for (const { stem } of token.stems) {
        const rules = this.byFirstStem.get(stem);
        if (!rules) continue;
        for (const rule of rules) {
          const end = matchRest(tokens, i, rule.stems);
          if (end >= 0) matches.push({ entryId: rule.entryId, start: i, end, terms: rule.terms });
        }
      }
    }
    return matches;
  }
}

function matchRest(tokens: readonly StemmedToken[], start: number, stems: readonly string[]): number {
  let position = start;
  for (let k = 1; k < stems.length; k++) {
    let found = -1;
    for (let j = position + 1; j < tokens.length && j <= position + 1 + PHRASE_GAP; j++) {
      if ((tokens[j] as StemmedToken).stems.some((s) => s.stem === stems[k])) {
        found = j;
        break;
      }
    }
    if (found < 0) return -1;
    position = found;
  }
  return position;
}

/** Checks an admin's edit of an entry: a stable id, at least one phrase and one term, no empty strings. */
export function validateThesaurusEntry(entry: ThesaurusEntry): string[] {
  const problems: string[] = [];
  if (!/^[a-z0-9][a-z0-9-]*$/.test(entry.id)) problems.push('id must be lower-case letters, digits and hyphens');
  if (entry.phrases.length === 0) problems.push('at least one phrase is needed');
  if (entry.terms.length === 0) problems.push('at least one term is needed');
  if ([...entry.phrases, ...entry.terms].some((s) => s.trim() === ''))
    problems.push('phrases and terms must not be empty');
  return problems;
}
