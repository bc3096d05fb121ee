import type { Location } from './geography.js';
import {
  ACADEMIC_WORDS,
  AMOUNT_UNITS,
  GRANT_WORDS,
  LOAN_WORDS,
  MONEY_WHOLE_WORDS,
  MONEY_WORDS,
  PERMIT_NOUNS,
  PERMIT_PLURALS,
  PERMIT_QUANTIFIERS,
  REGIONAL_WORDS,
  SUPPORT_AS_MONEY_BEFORE,
} from './lexicon.js';
import { type Analysis, fold, tokenize } from './text.js';

/**
 * What kind of help a request asks for, beyond its words: whether it asks for money at all, whether
 * it wants to borrow, whether it asks about several permits, speaks of the whole county, or wants
 * students or researchers. The router uses these to order offerings of different kinds.
 */
export interface Intents {
  /** Asks for money: pengar, lån, bidrag, kapital, "söka stöd", an amount. */
  money: boolean;
  /** Wants to borrow: a loan, the bank, a credit, or an amount. */
  loan: boolean;
  /** Wants a grant: bidrag, a check, "söka stöd", a support compound ("investeringsstöd"). */
  grant: boolean;
  /** Names an amount of money ("600 000 kr", "2 miljoner"). */
  amount: boolean;
  /** Asks which permits are needed ("vilka tillstånd", "which permits"). */
  permitsQuestion: boolean;
  /** Speaks of the county or region, or of several places ("i länet", "Örebro län eller Värmland"). */
  regional: boolean;
  /** Wants students or researchers (exjobb, praktikant, forskare, universitet). */
  academic: boolean;
}

/** A word list matched by written form, by stem, and optionally by a compound's head. */
interface WordSet {
  surfaces: Set<string>;
  stems: Set<string>;
}

/** One content word of a request: its folded form, its own stems and the head of a compound. */
interface ReadWord {
  surface: string;
  own: string[];
  head: string | undefined;
}

/** Written with ä: "län" folds to "lan", as "lån" does, so only these forms are read as county words. */
const COUNTY_WORDS = new Set(['län', 'läns', 'länet', 'länets', 'länen']);
const COUNTY_WORD = /(?<![\p{L}\p{N}])län(s|et|ets|en)?(?![\p{L}\p{N}])/iu;

/** "Stöd" as written, folded. */
const SUPPORT_FORMS = new Set(['stod', 'stodet', 'stoden']);

/** Reads a request's intents; built once with the router's stemmer. */
export class IntentReader {
  private readonly moneyWords: WordSet;
  private readonly moneyWhole: WordSet;
  private readonly loanWords: WordSet;
  private readonly grantWords: WordSet;
  private readonly academicWords: WordSet;
  private readonly support: string;
  private readonly supportBefore: Set<string>;
  private readonly amountUnits = new Set(AMOUNT_UNITS.map(fold));
  private readonly quantifiers = new Set(PERMIT_QUANTIFIERS.map(fold));
  private readonly permitNouns = new Set(PERMIT_NOUNS.map(fold));
  private readonly permitPlurals = new Set(PERMIT_PLURALS.map(fold));
  private readonly regionalWords = new Set(REGIONAL_WORDS.filter((w) => !COUNTY_WORDS.has(w)).map(fold));

  constructor(private readonly normalize: (folded: string) => string) {
    this.moneyWords = this.wordSet(MONEY_WORDS);
    this.moneyWhole = this.wordSet(MONEY_WHOLE_WORDS);
    this.loanWords = this.wordSet(LOAN_WORDS);
    this.grantWords = this.wordSet(GRANT_WORDS);
    this.academicWords = this.wordSet(ACADEMIC_WORDS);
    this.support = normalize('stod');
    this.supportBefore = new Set(SUPPORT_AS_MONEY_BEFORE.map(fold));
  }

  private wordSet(list: readonly string[]): WordSet {
    const surfaces = new Set(list.map(fold));
    return { surfaces, stems: new Set([...surfaces].map((w) => this.normalize(w))) };
  }

  private static has(set: WordSet, word: ReadWord, heads: boolean): boolean {
    return (
      set.surfaces.has(word.surface) ||
      word.own.some((s) => set.stems.has(s)) ||
      (heads && word.head !== undefined && set.stems.has(word.head))
    );
  }

  read(text: string, analysis: Analysis, location: Location): Intents {
    const words: ReadWord[] = analysis.words.map((surface) => ({ surface: fold(surface), own: [], head: undefined }));
    for (const hit of analysis.hits) {
      const word = words[hit.word];
      if (!word) continue;
      if (hit.source === 'word' || hit.source === 'typo') word.own.push(hit.term);
      else if (hit.source === 'part') word.head = hit.term;
    }
    const tokens = tokenize(fold(text));

    const amount =
      tokens.some((t) => this.amountUnits.has(t) || /^\d+(k|kr|tkr|mkr|sek|msek)$/.test(t)) || /\d\s*:-/.test(text);
    // "söka stöd", "finns det stöd" ask for money; "stöd i att hitta kunder" does not.
    const supportAsMoney =
      words.some((w) => w.head === this.support && !w.own.includes(this.support)) ||
      tokens.some(
        (t, i) =>
          SUPPORT_FORMS.has(t) && tokens.slice(Math.max(0, i - 3), i).some((before) => this.supportBefore.has(before)),
      );
    const wholeMoney = words.some((w) => IntentReader.has(this.moneyWhole, w, false));
    const grant = supportAsMoney || words.some((w) => IntentReader.has(this.grantWords, w, true));
    const loan = amount || words.some((w) => IntentReader.has(this.loanWords, w, true));
    const money =
      amount || grant || loan || wholeMoney || words.some((w) => IntentReader.has(this.moneyWords, w, true));

    const permitsQuestion =
      tokens.some((t) => this.permitPlurals.has(t)) ||
      tokens.some(
        (t, i) => this.quantifiers.has(t) && tokens.slice(i + 1, i + 4).some((next) => this.permitNouns.has(next)),
      );

    const regional =
      COUNTY_WORD.test(text) ||
      tokens.some((t) => this.regionalWords.has(t) || (t.length > 8 && t.endsWith('regionen'))) ||
      location.mentionedCounties.size > 0 ||
      location.mentionedMunicipalities.size >= 2;

    const academic = words.some((w) => IntentReader.has(this.academicWords, w, true));

    return { money, loan, grant, amount, permitsQuestion, regional, academic };
  }
}
