import type { IntakeRequest, IntakeResponse } from '../../../contracts/intake.js';
import type { Language } from '../../i18n/language.js';
import { pickLocalised } from '../../i18n/language.js';
import { type Municipality, resolveMunicipality } from '../../lib/geography.js';

/** The front door form's rules, apart from React. Pure, so it runs in unit tests. */
export const STAGE_OPTIONS = ['start', 'tillvaxt', 'etablerad'] as const;
export const SIZE_OPTIONS = ['0-9', '10-49', '50-249', '250+'] as const;

/**
 * The body of POST /api/intake/route. Stage and size are typed here: the contract's `Static`
 * type infers them as `never` (TypeBox unions built with `.map()` lose their literals).
 */
export type RouteRequest = Omit<IntakeRequest, 'stage' | 'size'> & {
  stage?: (typeof STAGE_OPTIONS)[number];
  size?: (typeof SIZE_OPTIONS)[number];
};
export const MIN_TEXT = 3;
export const MAX_TEXT = 2000;

export interface IntakeDraft {
  text: string;
  /** What was typed in the municipality field: a name or a kommunkod. */
  place: string;
  stage: string;
  size: string;
}

export type IntakeField = 'text' | 'municipality';
export type FieldProblem = 'required' | 'too-long' | 'unknown-municipality';

/** The API request for a draft, or the fields that must be corrected first. */
export function toRouteRequest(
  draft: IntakeDraft,
  municipalities: readonly Municipality[],
  language: Language,
): { request: RouteRequest } | { problems: Partial<Record<IntakeField, FieldProblem>> } {
  const problems: Partial<Record<IntakeField, FieldProblem>> = {};
  const text = draft.text.trim();
  if (text.length < MIN_TEXT) problems.text = 'required';
  else if (text.length > MAX_TEXT) problems.text = 'too-long';
  const municipality = resolveMunicipality(draft.place, municipalities);
  if (municipality === null) problems.municipality = 'unknown-municipality';
  if (Object.keys(problems).length > 0) return { problems };

  const request: RouteRequest = { text, language };
  if (municipality) request.municipality = municipality;
  const stage = STAGE_OPTIONS.find((s) => s === draft.stage);
  if (stage) request.stage = stage;
  const size = SIZE_OPTIONS.find((s) => s === draft.size);
  if (size) request.size = size;
  return { request };
}

/** Which form field a problem+json error is about: `body/text`, `/text` and `text` all mean the text. */
export function fieldOf(pointer: string | undefined): IntakeField | undefined {
  const last = pointer?.split(/[/.]/).filter(Boolean).pop();
  return last === 'text' || last === 'municipality' ? last : undefined;
}

type Reason = Extract<IntakeResponse['result'], { kind: 'match' }>['offerings'][number]['reasons'][number];

/** The one-line "why" under a suggestion: the first `max` distinct reasons, as sentences. */
export function whyLine(reasons: readonly Reason[], language: Language, max = 1): string {
  const texts = [...new Set(reasons.map((r) => pickLocalised(r.text, language).text.trim()).filter(Boolean))];
  return texts
    .slice(0, max)
    .map((t) => (/[.!?]$/.test(t) ? t : `${t}.`))
    .join(' ');
}
