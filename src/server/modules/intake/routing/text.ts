import snowball from 'snowball-stemmers';
import {
  ATOMIC_WORDS,
  COMMON_SWEDISH_WORDS,
  ENGLISH_STOPWORDS,
  ENGLISH_TO_SWEDISH,
  SHORT_PARTS,
  SWEDISH_STOPWORDS,
} from './lexicon.js';
import { CompiledThesaurus } from './thesaurus.js';
import type { ThesaurusEntry } from './types.js';

const swedishStemmer = snowball.newStemmer('swedish');

/**
 * Lower-cases and folds a text so that owners who type without å/ä/ö ("foretag") meet the
 * catalogue's spelling ("företag"): å, ä → a; ö → o; other accents dropped.
 */
export function fold(text: string): string {
  return text
    .toLowerCase()
    .replace(/[åä]/g, 'a')
    .replace(/ö/g, 'o')
    .replace(/æ/g, 'a')
    .replace(/ø/g, 'o')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
}

/** Splits a text into words: letters and digits; hyphens and punctuation separate words. */
export function tokenize(text: string): string[] {
  return text.split(/[^\p{L}\p{N}]+/u).filter((t) => t.length > 0);
}

/** Snowball's Swedish stemmer on an already folded word. */
export function stem(folded: string): string {
  return folded.length < 3 ? folded : swedishStemmer.stem(folded);
}

/**
 * Joins a verb and its -ering noun: "planerar"/"planering", "rekrytera"/"rekrytering" and
 * "finansiera"/"finansiering" all become the verb's stem. Snowball stems inflections only.
 */
export function derive(stemmed: string): string {
  return stemmed.length >= 8 && stemmed.endsWith('ering') ? stemmed.slice(0, -3) : stemmed;
}

/** Restricted Damerau–Levenshtein distance (adjacent swaps count 1), giving up above `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        v = Math.min(v, (prev2[j - 2] as number) + 1);
      }
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n] as number;
}

/** How a term came out of a word; the router weighs them differently. */
export type TermSource = 'word' | 'part' | 'typo' | 'concept' | 'phrase';

export interface TermHit {
  term: string;
  source: TermSource;
  /** Index into `Analysis.words` of the word the term came from. */
  word: number;
}

export interface Analysis {
  /** Content words as written, lower-cased (stopwords removed), for coverage and reasons. */
  words: string[];
  hits: TermHit[];
  /** Share of tokens that are English function words. */
  englishShare: number;
}

const DEFINITE_SUFFIXES = ['ets', 'et', 'ens', 'en'];
const SUFFIXES = [
  'andet',
  'ets',
  'et',
  'ens',
  'en',
  'ernas',
  'arnas',
  'erna',
  'arna',
  'na',
  'n',
  't',
  's',
  'ar',
  'er',
  'or',
  'e',
  'a',
];
const ENGLISH_SUFFIXES: [string, string][] = [
  ["'s", ''],
  ['ies', 'y'],
  ['es', ''],
  ['s', ''],
  ['ing', ''],
  ['ing', 'e'],
  ['ed', ''],
  ['ed', 'e'],
];
const MIN_TYPO_LENGTH = 6;

interface Token {
  surface: string;
  /** Stems that stand for this token: its own, a corrected one, parts of a compound. */
  stems: { stem: string; source: TermSource }[];
  stop: boolean;
}

/**
 * Swedish text handling for the router, built once over the catalogue's words: folding, stemming,
 * compound splitting against the known vocabulary, typo correction towards catalogue terms,
 * English words mapped to Swedish, and thesaurus phrases turned into concept terms.
 */
export class Analyzer {
  /** Folded words and stems we recognise (catalogue, lexicon, thesaurus). */
  private readonly known = new Set<string>();
  /** Folded words as written (no stems): the only left parts a compound may start with. */
  private readonly surfaces = new Set<string>();
  private readonly stop = new Set(SWEDISH_STOPWORDS.map(fold));
  private readonly englishStop = new Set(ENGLISH_STOPWORDS);
  private readonly atomic = new Set(ATOMIC_WORDS.map(fold));
  private readonly shortParts = new Set(SHORT_PARTS.map(fold));
  private readonly english = new Map<string, string>();
  private readonly thesaurus: CompiledThesaurus;
  /** Typo targets: index terms by first letter and length. */
  private readonly targets = new Map<string, string[]>();
  private readonly targetFrequency = new Map<string, number>();
  private readonly tokenCache = new Map<string, Token>();

  constructor(catalogueWords: Iterable<string>, thesaurus: readonly ThesaurusEntry[]) {
    for (const [en, sv] of Object.entries(ENGLISH_TO_SWEDISH)) this.english.set(en, fold(sv));
    const add = (word: string) => {
      const f = fold(word);
      this.surfaces.add(f);
      this.known.add(f);
      this.known.add(stem(f));
    };
    for (const w of catalogueWords) for (const t of tokenize(w)) add(t);
    for (const w of COMMON_SWEDISH_WORDS) for (const t of tokenize(w)) add(t);
    for (const w of SHORT_PARTS) add(w);
    for (const entry of thesaurus) {
      for (const p of [...entry.phrases, ...entry.terms]) {
        for (const t of tokenize(p)) {
          add(t);
          // An admin who writes "tyskland" means the word, not "tysk" + "land".
          this.atomic.add(fold(t));
        }
      }
    }
    this.thesaurus = new CompiledThesaurus(thesaurus, (phrase) => tokenize(fold(phrase)).map((w) => this.normalize(w)));
  }

  /** Declares the index's terms (with document frequency) as targets for typo correction. */
  setTypoTargets(frequency: ReadonlyMap<string, number>): void {
    this.targets.clear();
    this.tokenCache.clear();
    for (const [term, df] of frequency) {
      if (term.length < MIN_TYPO_LENGTH - 1) continue;
      this.targetFrequency.set(term, df);
      const key = `${term[0]}${term.length}`;
      const bucket = this.targets.get(key) ?? [];
      bucket.push(term);
      this.targets.set(key, bucket);
    }
  }

  isKnown(folded: string): boolean {
    return this.known.has(folded) || this.known.has(stem(folded));
  }

  /**
   * Stem of a folded word. Snowball leaves some inflections alone ("stödet", "lånet"), so when its
   * stem is unknown we try stripping an ending and keep the result if the vocabulary knows it.
   */
  normalize(folded: string): string {
    return derive(this.inflectionStem(folded));
  }

  private inflectionStem(folded: string): string {
    // Definite forms Snowball keeps whole ("stödet", "lånet") go to the bare word when we know it.
    for (const suffix of DEFINITE_SUFFIXES) {
      if (!folded.endsWith(suffix)) continue;
      const base = folded.slice(0, -suffix.length);
      if (base.length >= 3 && this.surfaces.has(base)) return stem(base);
    }
    const s = stem(folded);
    if (this.known.has(s) || folded.length < 5) return s;
    for (const suffix of SUFFIXES) {
      if (!folded.endsWith(suffix) || folded.length - suffix.length < 3) continue;
      const base = folded.slice(0, -suffix.length);
      if (this.known.has(base)) return stem(base);
    }
    return s;
  }

  /**
   * Splits a compound against the vocabulary: "exportstöd" → export + stöd, "livsmedelsregistrering"
   * → livsmedel + registrering. Allows the linking -s- and up to three parts; [] when it is no compound.
   */
  splitCompound(folded: string): string[] {
    if (folded.length < 6 || this.atomic.has(folded)) return [];
    const split = this.split(folded, 3);
    if (split !== null) return split;
    const head = this.head(folded);
    return head.length > 0 ? head : this.modifier(folded);
  }

  /**
   * When only the start of a compound is known ("butikskedja", "vinbaren" without "bar" known), the
   * first part still says what the word is about. Parts shorter than five letters are too often accidents.
   */
  private modifier(word: string): string[] {
    for (let i = word.length - 3; i >= 5; i--) {
      const left = word.slice(0, i);
      if (left.replace(/s$/, '').length < 5) continue;
      const leftStem = this.leftPart(left);
      if (leftStem !== null) return [leftStem];
    }
    return [];
  }

  /**
   * When only the end of a compound is known ("chokladföretag", "underhållstekniker"), the head
   * still says what kind of thing it is. Heads shorter than five letters are too often accidents.
   */
  private head(word: string): string[] {
    for (let i = 3; i <= word.length - 5; i++) {
      const right = word.slice(i);
      if (this.surfaces.has(right) && !this.stop.has(right)) return [derive(stem(right))];
    }
    return [];
  }

  private split(word: string, maxParts: number): string[] | null {
    let best: string[] | null = null;
    for (let i = word.length - 2; i >= 2; i--) {
      const left = word.slice(0, i);
      const leftStem = this.leftPart(left);
      if (leftStem === null) continue;
      const right = word.slice(i);
      const head = this.headPart(right);
      if (head !== null) {
        const candidate = [leftStem, head];
        if (best === null || best.length > 2) best = candidate;
        // The longest left part wins among two-part splits ("livsmedels|registrering").
        if (best.length === 2) return best;
      }
      if (maxParts > 2 && right.length >= 6) {
        const rest = this.split(right, maxParts - 1);
        if (rest !== null && (best === null || best.length > rest.length + 1)) best = [leftStem, ...rest];
      }
    }
    return best;
  }

  private partAllowed(part: string): boolean {
    return part.length >= 4 || this.shortParts.has(part);
  }

  private leftPart(part: string): string | null {
    if (this.stop.has(part)) return null;
    if (this.partAllowed(part) && this.surfaces.has(part)) return derive(stem(part));
    if (part.endsWith('s')) {
      const base = part.slice(0, -1);
      if (this.partAllowed(base) && this.surfaces.has(base)) return derive(stem(base));
    }
    // Dropped or changed final vowel: "kvinnoföretag" (kvinna), "skolgård" (skola).
    if (part.length >= 4) {
      const base = `${part.replace(/[aeou]$/, '')}a`;
      if (this.surfaces.has(base)) return derive(stem(base));
    }
    return null;
  }

  private headPart(part: string): string | null {
    if (!this.partAllowed(part) || this.stop.has(part)) return null;
    if (this.surfaces.has(part)) return derive(stem(part));
    // An inflected head ("exportstödet") must reduce to a known word and be long enough to trust.
    const s = this.inflectionStem(part);
    return part.length >= 5 && this.partAllowed(s) && this.known.has(s) ? derive(s) : null;
  }

  /** The closest index term within edit distance 1 (2 for long words), sharing the first letter. */
  correct(term: string): string | null {
    if (term.length < MIN_TYPO_LENGTH) return null;
    const max = term.length >= 9 ? 2 : 1;
    let best: string | null = null;
    let bestDistance = max + 1;
    let bestFrequency = 0;
    for (let len = term.length - max; len <= term.length + max; len++) {
      const bucket = this.targets.get(`${term[0]}${len}`);
      if (!bucket) continue;
      for (const candidate of bucket) {
        const d = editDistance(term, candidate, max);
        const df = this.targetFrequency.get(candidate) ?? 0;
        if (d < bestDistance || (d === bestDistance && df > bestFrequency)) {
          best = candidate;
          bestDistance = d;
          bestFrequency = df;
        }
      }
    }
    return bestDistance <= max ? best : null;
  }

  private englishWord(folded: string): string | null {
    const direct = this.english.get(folded);
    if (direct !== undefined) return direct;
    for (const [suffix, replacement] of ENGLISH_SUFFIXES) {
      if (folded.endsWith(suffix) && folded.length - suffix.length >= 3) {
        const found = this.english.get(folded.slice(0, -suffix.length) + replacement);
        if (found !== undefined) return found;
      }
    }
    return null;
  }

  private token(folded: string, englishText: boolean, correctTypos: boolean): Token {
    const key = `${englishText ? 'e' : 's'}${correctTypos ? 't' : 'n'}${folded}`;
    const cached = this.tokenCache.get(key);
    if (cached) return cached;
    const token = this.buildToken(folded, englishText, correctTypos);
    if (this.tokenCache.size > 50_000) this.tokenCache.clear();
    this.tokenCache.set(key, token);
    return token;
  }

  private buildToken(folded: string, englishText: boolean, correctTypos: boolean): Token {
    const known = this.isKnown(folded);
    const englishMapped = englishText || !known ? this.englishWord(folded) : null;
    if (englishMapped !== null) {
      const words = tokenize(englishMapped);
      const stems = words.flatMap((w) => [
        { stem: this.normalize(w), source: 'word' as const },
        ...this.splitCompound(w).map((p) => ({ stem: p, source: 'part' as const })),
      ]);
      return { surface: folded, stems, stop: false };
    }
    if (this.stop.has(folded) || (englishText && this.englishStop.has(folded)) || folded.length < 2) {
      return { surface: folded, stems: [{ stem: stem(folded), source: 'word' }], stop: true };
    }
    if (/^\d+$/.test(folded)) return { surface: folded, stems: [], stop: true };
    const own = this.normalize(folded);
    const stems: Token['stems'] = [{ stem: own, source: 'word' }];
    const parts = this.splitCompound(folded);
    for (const p of parts) if (p !== own) stems.push({ stem: p, source: 'part' });
    // English words we have no translation for are not Swedish typos.
    if (!known && parts.length === 0 && correctTypos && !englishText) {
      const corrected = this.correct(own);
      if (corrected !== null && corrected !== own) stems.push({ stem: corrected, source: 'typo' });
    }
    return { surface: folded, stems, stop: false };
  }

  /**
   * Analyses a text into weighted terms. `correctTypos` is for requests; the catalogue's own text
   * is taken as written.
   */
  analyze(text: string, options: { correctTypos: boolean }): Analysis {
    // "län" and "lån" fold alike; "län" (written with its ä) is geography, which the router handles apart.
    const originals = tokenize(text.replace(/\bläns?(et|ets)?\b/giu, ' '));
    const raw = originals.map(fold);
    const englishCount = raw.filter((t) => this.englishStop.has(t)).length;
    const englishShare = raw.length === 0 ? 0 : englishCount / raw.length;
    const englishText = englishShare >= 0.2 && englishCount >= 2;
    const tokens = raw.map((t) => this.token(t, englishText, options.correctTypos));

    const words: string[] = [];
    const hits: TermHit[] = [];
    const wordOfToken: number[] = [];
    tokens.forEach((token, i) => {
      if (token.stop) {
        wordOfToken.push(-1);
        return;
      }
      const index = words.length;
      words.push((originals[i] as string).toLowerCase());
      wordOfToken.push(index);
      for (const s of token.stems) hits.push({ term: s.stem, source: s.source, word: index });
    });
    this.applyThesaurus(tokens, wordOfToken, hits, words);
    return { words, hits, englishShare };
  }

  private applyThesaurus(tokens: Token[], wordOfToken: number[], hits: TermHit[], words: string[]): void {
    const added = new Set<string>();
    const first = this.thesaurus.match(tokens);
    // A second pass lets entries build on each other: "finland" → utomlands, then "sälja … utomlands" → export.
    const enriched = tokens.map((t, i) => {
      const concepts = first.filter((m) => m.end === i).flatMap((m) => m.terms);
      return concepts.length === 0
        ? t
        : { ...t, stems: [...t.stems, ...concepts.map((c) => ({ stem: c, source: 'concept' as const }))] };
    });
    const second = this.thesaurus.match(enriched);
    for (const match of [...first, ...second]) {
      // Attach the concept to the first content word of the phrase.
      let word = -1;
      for (let k = match.start; k <= match.end && word < 0; k++) word = wordOfToken[k] ?? -1;
      // A phrase of filler words only ("nästa steg") becomes a word of its own.
      if (word < 0) {
        word = words.length;
        words.push(
          tokens
            .slice(match.start, match.end + 1)
            .map((t) => t.surface)
            .join(' '),
        );
        for (let k = match.start; k <= match.end; k++) wordOfToken[k] = word;
      }
      for (const term of match.terms) {
        const key = `${term}@${word}`;
        if (added.has(key)) continue;
        added.add(key);
        // A concept from a several-word phrase ("sälja … utomlands") is surer than a one-word synonym.
        hits.push({ term, source: match.end > match.start ? 'phrase' : 'concept', word });
      }
    }
  }
}
