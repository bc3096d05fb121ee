import type { GeoFit } from './geography.js';
import { TOPICS } from './lexicon.js';
import { COUNTIES, MUNICIPALITIES } from './places.js';
import type { RoutableOffering, RouteReason } from './types.js';

const STAGES: Record<string, { sv: string; en: string }> = {
  ide: { sv: 'på idéstadiet', en: 'at the idea stage' },
  start: { sv: 'som startar eller nyss har startat', en: 'starting up or newly started' },
  tillvaxt: { sv: 'som vill växa', en: 'that want to grow' },
  etablerad: { sv: 'som är etablerade', en: 'that are established' },
};

function list(items: string[], and: string): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`;
}

function quoted(words: string[]): string[] {
  return words.map((w) => `”${w}”`);
}

function quotedEn(words: string[]): string[] {
  return words.map((w) => `“${w}”`);
}

/** "Du skrev ”lån” och ”maskin”, som stämmer med erbjudandet." */
export function wordsReason(words: string[], related: string[]): RouteReason | null {
  if (words.length === 0 && related.length === 0) return null;
  if (words.length === 0) {
    return {
      kind: 'words',
      text: {
        sv: `Det du beskriver handlar om ${list(related, 'och')}, som erbjudandet gäller.`,
        en: `What you describe is about ${list(related, 'and')}, which this offering covers.`,
      },
    };
  }
  return {
    kind: 'words',
    text: {
      sv: `Du skrev ${list(quoted(words), 'och')}, som stämmer med erbjudandet.`,
      en: `You wrote ${list(quotedEn(words), 'and')}, which match this offering.`,
    },
  };
}

export function topicReason(topics: string[]): RouteReason | null {
  const labels = topics.map((t) => TOPICS[t]).filter((t) => t !== undefined);
  if (labels.length === 0) return null;
  return {
    kind: 'topic',
    text: {
      sv: `Ämne: ${list(
        labels.map((l) => l.sv),
        'och',
      )}.`,
      en: `Topic: ${list(
        labels.map((l) => l.en),
        'and',
      )}.`,
    },
  };
}

export function geographyReason(o: RoutableOffering, fit: GeoFit): RouteReason {
  const areaNames = [
    ...o.geography.municipalities.map((m) => MUNICIPALITIES.get(m) ?? m),
    ...o.geography.counties.map((c) => COUNTIES.get(c) ?? c),
  ];
  const area = list(areaNames.slice(0, 4), 'och') + (areaNames.length > 4 ? ' m.fl.' : '');
  const areaEn = list(areaNames.slice(0, 4), 'and') + (areaNames.length > 4 ? ' and more' : '');
  switch (fit.kind) {
    case 'nationwide':
      return { kind: 'geography', text: { sv: 'Finns i hela landet.', en: 'Available across Sweden.' } };
    case 'municipality': {
      const name = MUNICIPALITIES.get(fit.code) ?? fit.code;
      return fit.mentioned
        ? {
            kind: 'geography',
            text: { sv: `Gäller ${name}, som du nämner.`, en: `Serves ${name}, which you mention.` },
          }
        : { kind: 'geography', text: { sv: `Gäller din kommun, ${name}.`, en: `Serves your municipality, ${name}.` } };
    }
    case 'county': {
      const name = COUNTIES.get(fit.code) ?? fit.code;
      return fit.mentioned
        ? {
            kind: 'geography',
            text: { sv: `Gäller ${name}, som du nämner.`, en: `Serves ${name}, which you mention.` },
          }
        : { kind: 'geography', text: { sv: `Gäller ditt län, ${name}.`, en: `Serves your county, ${name}.` } };
    }
    case 'unknown':
      return {
        kind: 'geography',
        text: {
          sv: `Gäller bara ${area}. Ange din kommun så ser du vilket erbjudande som är ditt.`,
          en: `Only for ${areaEn}. Give your municipality to see which offering is yours.`,
        },
      };
    case 'elsewhere':
      return {
        kind: 'geography',
        text: {
          sv: `Gäller ${area}, inte din kommun – men det kan ändå vara värt att fråga.`,
          en: `Serves ${areaEn}, not your municipality – it may still be worth asking.`,
        },
      };
  }
}

export function audienceReason(
  o: RoutableOffering,
  stage: string | undefined,
  size: string | undefined,
): RouteReason | null {
  const stageOk = stage !== undefined && o.audience.stages.includes(stage);
  const sizeOk = size !== undefined && o.audience.sizes.includes(size);
  const stageLabel = stage ? STAGES[stage] : undefined;
  if (stageOk && stageLabel) {
    return {
      kind: 'audience',
      text: { sv: `Riktar sig till företag ${stageLabel.sv}.`, en: `Meant for companies ${stageLabel.en}.` },
    };
  }
  if (sizeOk && size) {
    return {
      kind: 'audience',
      text: { sv: `Passar företag med ${size} anställda.`, en: `Suits companies with ${size} employees.` },
    };
  }
  if ((stage !== undefined && !stageOk) || (size !== undefined && !sizeOk)) {
    return {
      kind: 'audience',
      text: {
        sv: 'Riktar sig främst till företag i ett annat skede eller av en annan storlek än ditt.',
        en: 'Mainly meant for companies at another stage or of another size than yours.',
      },
    };
  }
  return null;
}

/** Why an intent rule (intents.ts) moved an offering up. */
export type IntentNote = 'permits' | 'regional' | 'academic';

const INTENT_REASONS: Record<IntentNote, { sv: string; en: string }> = {
  permits: {
    sv: 'Du frågar om flera tillstånd – lotsen reder ut vilka som behövs och samordnar ansökningarna.',
    en: 'You ask about several permits – the guide sorts out which are needed and coordinates the applications.',
  },
  regional: {
    sv: 'Du frågar om länet eller jämför orter – regionens etableringsstöd jämför lägen i hela länet.',
    en: 'You ask about the county or compare places – the regional service compares locations across the county.',
  },
  academic: {
    sv: 'Du söker studenter eller forskare – lärosätets samverkan är ingången till dem.',
    en: 'You are looking for students or researchers – the university’s collaboration office is the way in.',
  },
};

export function intentReason(note: IntentNote): RouteReason {
  return { kind: 'topic', text: INTENT_REASONS[note] };
}

export function learnedReason(): RouteReason {
  return {
    kind: 'learned',
    text: {
      sv: 'Liknande förfrågningar har företagslotsarna tidigare skickat hit.',
      en: 'Coordinators have sent similar requests here before.',
    },
  };
}

/** What the front door says when nothing in the catalogue fits. */
export const NO_MATCH_GUIDANCE = {
  sv:
    'Vi hittade inget stöd i katalogen som passar det du beskriver. Kontakta gärna den regionala ' +
    'företagslotsen, som kan hjälpa dig vidare, eller läs om att starta och driva företag på verksamt.se. ' +
    'Gäller frågan dig som privatperson – till exempel skatt, bostad, omsorg eller en tvist – vänd dig till ' +
    'din kommuns kontaktcenter, Skatteverket eller Försäkringskassan.',
  en:
    'We found no support in the catalogue that fits what you describe. The regional business coordinator ' +
    'can help you further, and verksamt.se has national information on starting and running a business. ' +
    'If this is a private matter – taxes, housing, care or a dispute – contact your municipality, the ' +
    'Swedish Tax Agency or the Social Insurance Agency.',
};
