/** An offering as the router sees it: what it is, who gives it, for whom and where, and how owners describe it. */
export interface RoutableOffering {
  id: string;
  providerId: string;
  providerName: string;
  unitId: string | null;
  title: { sv: string; en?: string };
  summary: { sv: string; en?: string };
  topics: string[];
  kind: string;
  caseType: string;
  audience: { stages: string[]; sizes: string[] };
  /** Both empty = nationwide. */
  geography: { counties: string[]; municipalities: string[] };
  /** Kept by the provider's organisation admin: plain words and typical situations. */
  keywords: string[];
  situations: string[];
}

/** An admin-editable synonym record: any of the phrases adds the concept terms to a text. */
export interface ThesaurusEntry {
  id: string;
  phrases: string[];
  terms: string[];
}

/** A coordinator's correction: this request text belonged to this offering. */
export interface LearnedExample {
  text: string;
  offeringId: string;
}

export interface RouteInput {
  text: string;
  /** Kommunkod, 4 digits. */
  municipality?: string;
  /** Länskod, 2 digits. */
  county?: string;
  stage?: string;
  size?: string;
  /** SNI 2007 code (any level, e.g. "56" or "56.100"). */
  sni?: string;
}

export interface RouteReason {
  kind: 'words' | 'topic' | 'geography' | 'audience' | 'learned';
  text: { sv: string; en: string };
}

export interface RankedOffering {
  offeringId: string;
  score: number;
  reasons: RouteReason[];
}

export type RouteResult =
  | { kind: 'match'; offerings: RankedOffering[] } // 1..5
  | { kind: 'no-match'; guidance: { sv: string; en: string } };

export interface Router {
  route(input: RouteInput): RouteResult;
}

export interface RouterCatalogue {
  offerings: RoutableOffering[];
  thesaurus: ThesaurusEntry[];
  examples?: LearnedExample[];
}
