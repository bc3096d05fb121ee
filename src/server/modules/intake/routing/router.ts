import { type GeoFit, geoFit, geoTier, type Location, locate, permitExcluded } from './geography.js';
import { IntentReader, type Intents } from './intents.js';
import { ExampleIndex, normalizeVector, type TermVector } from './learning.js';
import {
  BUSINESS_WORDS,
  INSTANCE_ENTRIES,
  OTHER_MATTER_WORDS,
  PRIVATE_LIFE_WORDS,
  SNI_WORDS,
  TOPICS,
} from './lexicon.js';
import {
  audienceReason,
  geographyReason,
  type IntentNote,
  intentReason,
  learnedReason,
  NO_MATCH_GUIDANCE,
  topicReason,
  wordsReason,
} from './reasons.js';
import { type Analysis, Analyzer, fold, type TermSource, tokenize } from './text.js';
import type {
  RankedOffering,
  RoutableOffering,
  RouteInput,
  RouteReason,
  RouteResult,
  Router,
  RouterCatalogue,
} from './types.js';

// How much a word counts by where it stands in an offering. Titles and the provider's own
// keywords say what the offering is; the summary and situations describe it more loosely.
const FIELD_WEIGHTS = { title: 3, keywords: 2, situations: 1, summary: 1, topics: 1.5, provider: 1.5 } as const;
// A compound's parts and a thesaurus concept are weaker evidence than the word itself.
const DOC_SOURCE_WEIGHTS: Record<TermSource, number> = { word: 1, part: 0.5, typo: 1, concept: 0.4, phrase: 0.6 };
const QUERY_SOURCE_WEIGHTS: Record<TermSource, number> = { word: 1, part: 0.6, typo: 0.8, concept: 0.6, phrase: 0.9 };
/** Parts of a compound the catalogue does not know whole carry nearly the whole word's meaning. */
const UNKNOWN_COMPOUND_PART_WEIGHT = 0.9;
/** An offering's example of a class ("a customer in Finland") counts this much as the word itself; its class carries it. */
const INSTANCE_WORD_WEIGHT = 0.3;
/** Words from the company's SNI code are context, not the request itself. */
const SNI_WEIGHT = 0.3;

// BM25 over the weighted fields (BM25F in its simple form).
const K1 = 1.2;
const B = 0.5;

const MAX_RESULTS = 5;
/** Share of the best text score below which a document is not considered at all (for speed). */
const CANDIDATE_FLOOR = 0.15;
/** Results must reach this share of the best score. */
const RELATIVE_CUTOFF = 0.3;
/** An offering outside the company's area is shown (below the rest) only when it scores this close to the best. */
const ELSEWHERE_CUTOFF = 0.6;
/** A local offering when we do not know where the company is: slightly behind equal nationwide ones. */
const UNKNOWN_PLACE_FACTOR = 0.9;
const AUDIENCE_MISMATCH_FACTOR = 0.85;
/** At most this much is taken off an offering none of whose topics the request touches. */
const TOPIC_MISS_PENALTY = 0.15;

// Out of scope: the best offering must cover enough of what the request says, and score enough.
const MIN_COVERAGE = 0.18;
/** In units of the catalogue's highest idf, so the bar moves with the catalogue's size. */
const MIN_SCORE_IDF = 0.75;
/** An offering scoring this share of the leader's may also show that the request is in scope. */
const CLOSE_SECOND = 0.8;
/** Share of a word's weight credited when only a thesaurus concept of it matches. */
const CONCEPT_COVERAGE = 0.7;
/** A word the catalogue does not know weighs this share of the rarest known word. */
const UNKNOWN_WORD_MASS = 0.4;
/** Words of private life weigh this much more, so a private request needs clear business words to match. */
const PRIVATE_WORD_MASS = 2.5;
/** Listed private words match by stem only from this length; shorter ones only as written. */
const MIN_LIST_STEM_LENGTH = 5;

// Learning: nearest corrected requests.
const NEIGHBOURS = 5;
const MIN_SIMILARITY = 0.2;
/** A neighbour as similar as this counts in full. */
const FULL_SIMILARITY = 0.6;
/** A fully similar neighbour adds this share of the best text score. */
const LEARNED_WEIGHT = 1;

// Intents (intents.ts): a few plain rules that order offerings of different kinds by what the
// request asks for, on top of the words it shares with them.
/** A grant or loan gives way to advice when the request never asks for money. */
const NO_MONEY_ASKED_FACTOR = 0.8;
/** A grant gives way to a loan when the request wants to borrow (a loan, the bank, an amount) and names no grant. */
const LOAN_OVER_GRANT_FACTOR = 0.85;
/** The county's establishment offering, when the request speaks of the county or compares places. */
const REGIONAL_ESTABLISHMENT_BOOST = 1.3;
/** A university's collaboration offering, when the request wants students or researchers. */
const ACADEMIC_BOOST = 1.25;
/** Local permits scoring at least this share of the best count as named by the request. */
const PERMIT_SHARE = 0.4;
/** Only a word this rare (in units of the highest idf) names a permit: "bygglov", not "bygga". */
const PERMIT_WORD_MASS = 0.45;
/** With a permits question, a local permit must score this share of the best for the guide to be lifted. */
const PERMIT_QUESTION_SHARE = 0.5;
/** How far above the offering it must pass a lifted offering is placed. */
const LIFT = 1.01;
/** "Regionen", like a place name, says where and not what: it must not pull in whatever Region Västmanland offers. */
const REGION_PLACE_WORDS = new Set(['region', 'regionen', 'regionens', 'county']);
/** A provider that is a university or university college. */
const UNIVERSITY_NAME = /universitet|högskola|university/i;

interface IndexedOffering {
  offering: RoutableOffering;
  tf: Map<string, number>;
  length: number;
  /** Terms of the offering's topics, to say which topic matched. */
  topicTerms: Map<string, string>;
  /** Terms its text contains itself, not only through the thesaurus. */
  written: Set<string>;
  /** Terms of its title and keywords: what it is, rather than what it mentions. */
  strong: Set<string>;
  /** Terms of its title alone. */
  titled: Set<string>;
  /** What kind of offering it is, for the intent rules. */
  role: Role;
}

/**
 * Kinds of offering the intent rules tell apart, from the catalogue's own fields: money (grants,
 * loans, financing), a municipality's permit, the municipality's guide to its permits (an offering
 * on permits that is no permit itself), the county's establishment offering, a university's collaboration.
 */
interface Role {
  money: boolean;
  grant: boolean;
  localPermit: boolean;
  guide: boolean;
  countyEstablishment: boolean;
  academic: boolean;
}

function roleOf(o: RoutableOffering): Role {
  const local = o.geography.municipalities.length > 0;
  return {
    money: o.kind === 'grant' || o.kind === 'financing' || o.topics.includes('finansiering'),
    grant: o.kind === 'grant',
    localPermit: o.kind === 'permit' && local,
    guide: o.kind !== 'permit' && o.topics.includes('tillstand') && local,
    countyEstablishment:
      o.kind === 'establishment' && o.geography.counties.length > 0 && o.geography.municipalities.length === 0,
    academic: o.kind === 'matchmaking' && UNIVERSITY_NAME.test(o.providerName),
  };
}

interface QueryWord {
  surface: string;
  mass: number;
  private: boolean;
  /** Terms standing for the word itself (its stem, parts, a correction). */
  direct: string[];
  /** Thesaurus concepts the word took part in. */
  concepts: string[];
}

interface Candidate {
  doc: number;
  score: number;
  learned: number;
  fit: GeoFit;
  tier: number;
  /** Why an intent rule moved it, for its reasons. */
  note?: IntentNote;
}

function fieldsOf(o: RoutableOffering): { field: keyof typeof FIELD_WEIGHTS; text: string }[] {
  return [
    { field: 'title', text: o.title.sv },
    { field: 'summary', text: o.summary.sv },
    { field: 'provider', text: o.providerName },
    { field: 'topics', text: o.topics.map((t) => TOPICS[t]?.words ?? t).join(' ') },
    ...o.keywords.map((text) => ({ field: 'keywords' as const, text })),
    ...o.situations.map((text) => ({ field: 'situations' as const, text })),
  ];
}

/**
 * Builds the front door's router over a catalogue. All indexing happens here (the index is rebuilt
 * when the catalogue, thesaurus or corrections change); `route` only looks things up.
 */
export function createRouter(catalogue: RouterCatalogue): Router & { explain: (input: RouteInput) => unknown } {
  const offerings = catalogue.offerings;
  const catalogueWords: string[] = [];
  for (const o of offerings) for (const f of fieldsOf(o)) catalogueWords.push(f.text);
  // Known, so that "skattedeklaration" splits and its head "deklaration" is seen as private.
  catalogueWords.push(...PRIVATE_LIFE_WORDS.filter((w) => !w.includes('+')), ...OTHER_MATTER_WORDS);
  const analyzer = new Analyzer(catalogueWords, catalogue.thesaurus);

  const instanceEntries = new Set(INSTANCE_ENTRIES);
  const instanceStems = new Set<string>();
  for (const entry of catalogue.thesaurus) {
    if (!instanceEntries.has(entry.id)) continue;
    for (const phrase of entry.phrases) {
      const words = tokenize(fold(phrase));
      if (words.length === 1) instanceStems.add(analyzer.normalize(words[0] as string));
    }
  }

  const docs: IndexedOffering[] = offerings.map((offering) => {
    const tf = new Map<string, number>();
    const written = new Set<string>();
    const strong = new Set<string>();
    const titled = new Set<string>();
    for (const { field, text } of fieldsOf(offering)) {
      for (const hit of analyzer.analyze(text, { correctTypos: false }).hits) {
        const instance = hit.source === 'word' && instanceStems.has(hit.term) ? INSTANCE_WORD_WEIGHT : 1;
        tf.set(hit.term, (tf.get(hit.term) ?? 0) + FIELD_WEIGHTS[field] * DOC_SOURCE_WEIGHTS[hit.source] * instance);
        if (hit.source !== 'concept' && hit.source !== 'phrase') written.add(hit.term);
        if (field === 'title' || field === 'keywords') strong.add(hit.term);
        if (field === 'title') titled.add(hit.term);
      }
    }
    const topicTerms = new Map<string, string>();
    for (const topic of offering.topics) {
      const words = TOPICS[topic]?.words ?? topic;
      for (const hit of analyzer.analyze(words, { correctTypos: false }).hits) topicTerms.set(hit.term, topic);
    }
    let length = 0;
    for (const v of tf.values()) length += v;
    return { offering, tf, length, topicTerms, written, strong, titled, role: roleOf(offering) };
  });
  const guideDocs = docs.flatMap((d, i) => (d.role.guide ? [i] : []));

  const n = docs.length;
  const averageLength = docs.reduce((sum, d) => sum + d.length, 0) / Math.max(1, n);
  const postings = new Map<string, { docs: number[]; weights: number[] }>();
  docs.forEach((d, index) => {
    const norm = K1 * (1 - B + (B * d.length) / averageLength);
    for (const [term, tf] of d.tf) {
      const list = postings.get(term) ?? { docs: [], weights: [] };
      list.docs.push(index);
      list.weights.push((tf * (K1 + 1)) / (tf + norm));
      postings.set(term, list);
    }
  });
  const idf = new Map<string, number>();
  const frequency = new Map<string, number>();
  // A word is as rare as the offerings that write it; the thesaurus spreading it as a concept to
  // every offering that says something related must not make it common.
  const writtenFrequency = new Map<string, number>();
  for (const d of docs) for (const term of d.written) writtenFrequency.set(term, (writtenFrequency.get(term) ?? 0) + 1);
  for (const [term, list] of postings) {
    const df = writtenFrequency.get(term) ?? list.docs.length;
    frequency.set(term, df);
    idf.set(term, Math.log(1 + (n - df + 0.5) / (df + 0.5)));
  }
  const maxIdf = Math.log(1 + (n + 0.5) / 1.5);
  const minScore = MIN_SCORE_IDF * maxIdf;
  analyzer.setTypoTargets(frequency);
  const docIndex = new Map(docs.map((d, i) => [d.offering.id, i]));
  const privateWords = wordMatcher(PRIVATE_LIFE_WORDS.filter((w) => !w.includes('+')));
  const privatePairs = PRIVATE_LIFE_WORDS.filter((w) => w.includes('+')).map((w) => w.split('+').map(fold));
  const otherMatterWords = wordMatcher(OTHER_MATTER_WORDS);

  /**
   * A word list matched by written form, and by stem only when the stem is long enough to be
   * unambiguous: "pass" (passport) must not catch "passar", nor "mom" catch "moms".
   */
  function wordMatcher(list: readonly string[]): (surface: string, stem: string | undefined) => boolean {
    const surfaces = new Set(list.map(fold));
    const stems = new Set(list.map((w) => analyzer.normalize(fold(w))).filter((s) => s.length >= MIN_LIST_STEM_LENGTH));
    return (surface, stem) => surfaces.has(fold(surface)) || (stem !== undefined && stems.has(stem));
  }
  const businessStems = new Set(BUSINESS_WORDS.map((w) => analyzer.normalize(fold(w))));
  const intentReader = new IntentReader((folded) => analyzer.normalize(folded));

  /** How the request's intents move an offering: money without a money question, loans before grants, … */
  function intentFactor(role: Role, intents: Intents): number {
    let factor = 1;
    if (role.money && !intents.money) factor *= NO_MONEY_ASKED_FACTOR;
    if (role.grant && intents.loan && !intents.grant) factor *= LOAN_OVER_GRANT_FACTOR;
    if (role.countyEstablishment && intents.regional) factor *= REGIONAL_ESTABLISHMENT_BOOST;
    if (role.academic && intents.academic) factor *= ACADEMIC_BOOST;
    return factor;
  }

  /** Which boost, if any, an offering got from the request's intents, for its reasons. */
  function intentNote(role: Role, intents: Intents): IntentNote | undefined {
    if (role.academic && intents.academic) return 'academic';
    if (role.countyEstablishment && intents.regional) return 'regional';
    return undefined;
  }

  /**
   * A request about several of the municipality's permits at once ("bygglov, livsmedel och
   * alkohol", "vilka tillstånd behöver vi") goes to the municipality's guide to its permits as well:
   * first when it asks which permits or names three or more, else among the first three. A permit
   * counts as named when a word of the request belongs to its title or keywords and to no other
   * local permit's ("skylt" to the building permit; "restaurang", shared by two, to neither).
   */
  function liftGuide(candidates: Candidate[], words: QueryWord[], intents: Intents, location: Location): void {
    let best = 0;
    let leader: Candidate | undefined;
    for (const c of candidates) {
      if (c.tier > 0 && c.score > best) {
        best = c.score;
        leader = c;
      }
    }
    if (!leader) return;
    // Only a request about permits: one of them (or the guide) leads, or it asks which permits it needs.
    const leaderRole = (docs[leader.doc] as IndexedOffering).role;
    const aboutPermits = leaderRole.localPermit || leaderRole.guide;
    if (!aboutPermits && !intents.permitsQuestion) return;
    const permits = candidates.filter(
      (c) => (docs[c.doc] as IndexedOffering).role.localPermit && c.fit.kind === 'municipality',
    );
    if (permits.length === 0) return;
    // A permit scoring well is named by a word of its title or keywords; one scoring low only by a word of its title.
    const names = (c: Candidate, term: string) => {
      const doc = docs[c.doc] as IndexedOffering;
      return c.score >= PERMIT_SHARE * best ? doc.strong.has(term) : doc.titled.has(term);
    };
    const named = new Set<number>();
    for (const word of words) {
      if (word.private || word.mass < PERMIT_WORD_MASS * maxIdf) continue;
      const hitBy = (terms: string[]) => permits.filter((c) => terms.some((t) => names(c, t)));
      let hits = hitBy(word.direct);
      if (hits.length === 0) hits = hitBy(word.concepts);
      if (hits.length === 1) named.add((hits[0] as Candidate).doc);
    }
    const asked = intents.permitsQuestion && permits.some((c) => c.score >= PERMIT_QUESTION_SHARE * best);
    if (!asked && (!aboutPermits || named.size < 2)) return;
    // The three best scores among the rest, without sorting every candidate.
    const ranked = [0, 0, 0];
    for (const c of candidates) {
      if (c.tier === 0 || (docs[c.doc] as IndexedOffering).role.guide || c.score <= (ranked[2] as number)) continue;
      ranked[2] = c.score;
      ranked.sort((a, b) => b - a);
    }
    const third = (ranked[2] as number) > 0 ? (ranked[2] as number) : RELATIVE_CUTOFF * best;
    const target = asked || named.size >= 3 ? best : third;
    const byDoc = new Map(candidates.map((c) => [c.doc, c]));
    for (const d of guideDocs) {
      const fit = geoFit((docs[d] as IndexedOffering).offering, location);
      if (fit.kind !== 'municipality') continue;
      let c = byDoc.get(d);
      if (!c) {
        c = { doc: d, score: 0, learned: 0, fit, tier: geoTier(fit) };
        candidates.push(c);
      }
      if (c.score < target * LIFT) {
        c.score = target * LIFT;
        c.note = 'permits';
      }
    }
  }

  /** Place names decide geography; as words they would pull in every offering that names the town. */
  function withoutPlaces(analysis: Analysis, placeWords: Set<string>): Analysis {
    if (placeWords.size === 0) return analysis;
    const drop = new Set<number>();
    analysis.words.forEach((w, i) => {
      if (placeWords.has(fold(w))) drop.add(i);
    });
    const keep = analysis.words.map((_, i) => !drop.has(i));
    const renumber: number[] = [];
    let next = 0;
    for (const k of keep) renumber.push(k ? next++ : -1);
    return {
      ...analysis,
      words: analysis.words.filter((_, i) => keep[i]),
      hits: analysis.hits.filter((h) => keep[h.word]).map((h) => ({ ...h, word: renumber[h.word] as number })),
    };
  }

  /** Query term → weight, from an analysis. */
  function termWeights(analysis: Analysis, factor = 1, into = new Map<string, number>()): Map<string, number> {
    const ownIndexed = new Set<number>();
    for (const hit of analysis.hits) if (hit.source === 'word' && postings.has(hit.term)) ownIndexed.add(hit.word);
    for (const hit of analysis.hits) {
      let w = QUERY_SOURCE_WEIGHTS[hit.source];
      if (hit.source === 'part' && !ownIndexed.has(hit.word)) w = UNKNOWN_COMPOUND_PART_WEIGHT;
      w *= factor;
      if (w > (into.get(hit.term) ?? 0)) into.set(hit.term, w);
    }
    return into;
  }

  function vectorOf(weights: Map<string, number>): TermVector {
    const vector: TermVector = new Map();
    // Terms the catalogue does not know still tell corrections apart ("parkeringsbot").
    for (const [term, w] of weights) vector.set(term, w * (idf.get(term) ?? maxIdf));
    return normalizeVector(vector);
  }

  const examples = new ExampleIndex(
    (catalogue.examples ?? []).filter((e) => docIndex.has(e.offeringId)),
    (text) => vectorOf(termWeights(analyzer.analyze(text, { correctTypos: true }))),
  );

  function queryWords(analysis: Analysis, weights: Map<string, number>): QueryWord[] {
    const words: QueryWord[] = analysis.words.map((surface) => ({
      surface,
      mass: 0,
      private: false,
      direct: [],
      concepts: [],
    }));
    for (const hit of analysis.hits) {
      const word = words[hit.word];
      if (!word) continue;
      if (hit.source === 'concept' || hit.source === 'phrase') word.concepts.push(hit.term);
      else word.direct.push(hit.term);
    }
    const ownStem = (word: QueryWord) => word.direct[0];
    // The head of a compound is its last part ("skatte|deklaration").
    const headStem = (word: QueryWord) => (word.direct.length > 1 ? word.direct[word.direct.length - 1] : undefined);
    const listed = (matcher: typeof privateWords, word: QueryWord) =>
      matcher(word.surface, ownStem(word)) || matcher('', headStem(word));
    for (const word of words) word.private = listed(privateWords, word);
    for (let i = 0; i + 1 < words.length; i++) {
      const [a, b] = [fold((words[i] as QueryWord).surface), fold((words[i + 1] as QueryWord).surface)];
      if (privatePairs.some(([x, y]) => x === a && y === b)) {
        (words[i] as QueryWord).private = true;
        (words[i + 1] as QueryWord).private = true;
      }
    }
    // "Vi driver hemtjänst" is a business speaking; private words only count as private without one.
    const business = analysis.hits.some((h) => h.source === 'word' && businessStems.has(h.term));
    if (business) for (const word of words) word.private = false;
    // The police's or the street office's matters stay theirs, whoever asks.
    for (const word of words) if (listed(otherMatterWords, word)) word.private = true;
    for (const word of words) {
      let mass = 0;
      for (const term of word.direct) {
        const i = idf.get(term);
        if (i !== undefined) mass = Math.max(mass, i * (weights.get(term) ?? 0));
      }
      if (mass === 0) mass = UNKNOWN_WORD_MASS * maxIdf;
      if (word.private) mass = PRIVATE_WORD_MASS * Math.max(mass, UNKNOWN_WORD_MASS * maxIdf);
      word.mass = mass;
    }
    return words;
  }

  /**
   * An offering whose topics the request does not touch at all (an export credit for a plain
   * machine loan) gives way a little to one whose topics it does.
   */
  function topicFit(doc: IndexedOffering, weights: Map<string, number>): number {
    const topics = doc.offering.topics;
    if (topics.length === 0) return 1;
    const touched = new Set<string>();
    for (const [term, topic] of doc.topicTerms) if (weights.has(term)) touched.add(topic);
    return 1 - TOPIC_MISS_PENALTY * (1 - touched.size / topics.length);
  }

  /** Share of the request's weight that the offering's words cover. */
  function coverage(doc: IndexedOffering, words: QueryWord[]): number {
    let total = 0;
    let covered = 0;
    for (const word of words) {
      total += word.mass;
      if (word.private) continue;
      if (word.direct.some((t) => doc.tf.has(t))) covered += word.mass;
      else if (word.concepts.some((t) => doc.tf.has(t))) covered += CONCEPT_COVERAGE * word.mass;
    }
    return total === 0 ? 0 : covered / total;
  }

  function reasonsFor(c: Candidate, words: QueryWord[], input: RouteInput): RouteReason[] {
    const doc = docs[c.doc] as IndexedOffering;
    const reasons: RouteReason[] = [];
    const matched = words.filter((w) => !w.private && w.direct.some((t) => doc.tf.has(t))).map((w) => w.surface);
    const byConcept = words
      .filter((w) => !w.private && !w.direct.some((t) => doc.tf.has(t)) && w.concepts.some((t) => doc.tf.has(t)))
      .map((w) => w.surface);
    const topics = new Set<string>();
    for (const w of words) {
      for (const t of [...w.direct, ...w.concepts]) {
        const topic = doc.topicTerms.get(t);
        if (topic) topics.add(topic);
      }
    }
    const wr = wordsReason(
      [...new Set(matched)].slice(0, 4),
      byConcept.length > 0 ? [...new Set(byConcept)].slice(0, 3) : [],
    );
    if (wr && (matched.length > 0 || byConcept.length > 0)) reasons.push(wr);
    const tr = topicReason([...topics]);
    if (tr) reasons.push(tr);
    reasons.push(geographyReason(doc.offering, c.fit));
    const ar = audienceReason(doc.offering, input.stage, input.size);
    if (ar) reasons.push(ar);
    if (c.note) reasons.push(intentReason(c.note));
    if (c.learned > 0) reasons.push(learnedReason());
    return reasons;
  }

  /** The ranking before cut-offs, with what the out-of-scope check looks at; for tuning and tests. */
  function explain(input: RouteInput) {
    const { candidates, words, intents } = rank(input);
    return {
      intents,
      words: words.map((w) => ({
        surface: w.surface,
        mass: Math.round(w.mass * 100) / 100,
        private: w.private,
        direct: w.direct,
        concepts: w.concepts,
      })),
      candidates: candidates.slice(0, 8).map((c) => ({
        offeringId: (docs[c.doc] as IndexedOffering).offering.id,
        score: Math.round(c.score * 100) / 100,
        coverage: Math.round(coverage(docs[c.doc] as IndexedOffering, words) * 100) / 100,
        tier: c.tier,
        learned: c.learned,
        ...(c.note ? { note: c.note } : {}),
      })),
    };
  }

  function rank(input: RouteInput): { candidates: Candidate[]; words: QueryWord[]; intents: Intents } {
    const location = locate(input);
    const analyzed = analyzer.analyze(input.text, { correctTypos: true });
    const regionWords = analyzed.words.filter((w) => REGION_PLACE_WORDS.has(fold(w)));
    const analysis = withoutPlaces(
      analyzed,
      regionWords.length > 0 ? new Set([...location.placeWords, ...regionWords.map(fold)]) : location.placeWords,
    );
    const weights = termWeights(analysis);
    const sniWords = input.sni ? SNI_WORDS[input.sni.replace(/\D/g, '').slice(0, 2)] : undefined;
    if (sniWords) termWeights(analyzer.analyze(sniWords, { correctTypos: false }), SNI_WEIGHT, weights);
    const words = queryWords(analysis, weights);
    const intents = intentReader.read(input.text, analysis, location);

    const scores = new Float64Array(n);
    const touched: number[] = [];
    for (const [term, w] of weights) {
      const list = postings.get(term);
      if (!list) continue;
      const termIdf = (idf.get(term) ?? 0) * w;
      for (let k = 0; k < list.docs.length; k++) {
        const d = list.docs[k] as number;
        if (scores[d] === 0) touched.push(d);
        scores[d] = (scores[d] as number) + termIdf * (list.weights[k] as number);
      }
    }

    const learned = new Map<number, number>();
    for (const nb of examples.nearest(vectorOf(weights), NEIGHBOURS, MIN_SIMILARITY)) {
      const d = docIndex.get(nb.offeringId);
      if (d === undefined) continue;
      const strength = Math.min(1, (nb.similarity - MIN_SIMILARITY) / (FULL_SIMILARITY - MIN_SIMILARITY));
      if (strength > (learned.get(d) ?? 0)) learned.set(d, strength);
      if (scores[d] === 0 && !touched.includes(d)) touched.push(d);
    }

    let bestText = 0;
    for (const d of touched) bestText = Math.max(bestText, scores[d] as number);
    const learnedScale = Math.max(bestText, minScore * 2);

    const candidates: Candidate[] = [];
    // The later factors take off at most about half, so a document this far behind cannot reach the cut-off.
    const floor = CANDIDATE_FLOOR * bestText;
    for (const d of touched) {
      if ((scores[d] as number) < floor && !learned.has(d)) continue;
      const doc = docs[d] as IndexedOffering;
      const fit = geoFit(doc.offering, location);
      if (permitExcluded(doc.offering, fit)) continue;
      const bonus = learned.get(d) ?? 0;
      let score = (scores[d] as number) + LEARNED_WEIGHT * bonus * learnedScale;
      if (fit.kind === 'unknown') score *= UNKNOWN_PLACE_FACTOR;
      score *= topicFit(doc, weights);
      const { stages, sizes } = doc.offering.audience;
      if (input.stage && stages.length > 0 && !stages.includes(input.stage)) score *= AUDIENCE_MISMATCH_FACTOR;
      if (input.size && sizes.length > 0 && !sizes.includes(input.size)) score *= AUDIENCE_MISMATCH_FACTOR;
      score *= intentFactor(doc.role, intents);
      const candidate: Candidate = { doc: d, score, learned: bonus, fit, tier: geoTier(fit) };
      const note = intentNote(doc.role, intents);
      if (note) candidate.note = note;
      candidates.push(candidate);
    }
    liftGuide(candidates, words, intents, location);
    candidates.sort((a, b) => b.tier - a.tier || b.score - a.score);
    return { candidates, words, intents };
  }

  function route(input: RouteInput): RouteResult {
    const { candidates, words } = rank(input);
    const noMatch: RouteResult = { kind: 'no-match', guidance: NO_MATCH_GUIDANCE };
    if (candidates.length === 0) return noMatch;
    // Whether the request is in scope is judged on the words: a guide lifted for a permits question does not judge it.
    const top = candidates.find((c) => c.note !== 'permits') ?? (candidates[0] as Candidate);
    const topScore = Math.max(...candidates.map((c) => c.score));
    if (top.learned < 0.5) {
      if (top.score < minScore) return noMatch;
      // A private matter with no sign of a business behind it is not the front door's to route.
      if (words.some((w) => w.private)) return noMatch;
      // The leader, or one scoring close to it, must cover enough of what the request says.
      const leaders = candidates.filter((c) => c.note !== 'permits' && c.score >= CLOSE_SECOND * top.score).slice(0, 2);
      if (leaders.every((c) => coverage(docs[c.doc] as IndexedOffering, words) < MIN_COVERAGE)) return noMatch;
    }

    const chosen: RankedOffering[] = [];
    const serving = candidates.some((c) => c.tier > 0 && c.score >= RELATIVE_CUTOFF * topScore);
    for (const c of candidates) {
      if (chosen.length === MAX_RESULTS) break;
      // Offerings from elsewhere are a fallback for when nothing in the company's area fits.
      if (c.tier === 0 && serving) break;
      const cutoff = c.tier === 0 ? ELSEWHERE_CUTOFF : RELATIVE_CUTOFF;
      if (c.score < cutoff * topScore) continue;
      chosen.push({
        offeringId: (docs[c.doc] as IndexedOffering).offering.id,
        score: Math.round(c.score * 1000) / 1000,
        reasons: reasonsFor(c, words, input),
      });
    }
    return chosen.length > 0 ? { kind: 'match', offerings: chosen } : noMatch;
  }

  return { route, explain };
}
