/**
 * The one error type of Lotsen's domain code. Each code is documented here; the HTTP layer maps
 * codes to statuses and problem+json, and the web client turns codes into Swedish.
 */
export const ERROR_CODES = {
  validation_failed: { status: 400, title: 'Ogiltig begäran' },
  invalid_municipality: { status: 400, title: 'Okänd kommunkod' },
  invalid_county: { status: 400, title: 'Okänd länskod' },
  invalid_catalogue: { status: 422, title: 'Ogiltig katalogfil' },
  invalid_orgnr: { status: 400, title: 'Ogiltigt organisationsnummer' },
  login_failed: { status: 400, title: 'Inloggningen misslyckades' },
  unauthenticated: { status: 401, title: 'Inloggning krävs' },
  forbidden: { status: 403, title: 'Åtkomst nekad' },
  csrf_failed: { status: 403, title: 'Begäran saknar giltig CSRF-token eller kommer från fel ursprung' },
  not_representative: { status: 403, title: 'Du företräder inte företaget' },
  membership_not_found: { status: 404, title: 'Medarbetaren finns inte' },
  not_found: { status: 404, title: 'Hittades inte' },
  offering_not_found: { status: 404, title: 'Erbjudandet finns inte' },
  organisation_not_found: { status: 404, title: 'Organisationen finns inte' },
  intake_not_found: { status: 404, title: 'Förfrågan finns inte' },
  case_not_found: { status: 404, title: 'Ärendet finns inte' },
  site_not_found: { status: 404, title: 'Området finns inte' },
  inquiry_not_found: { status: 404, title: 'Investeringsförfrågan finns inte' },
  not_investment_team: { status: 403, title: 'Bara investeringsteamet' },
  event_not_found: { status: 404, title: 'Evenemanget finns inte' },
  registration_not_found: { status: 404, title: 'Anmälan finns inte' },
  event_not_open: { status: 409, title: 'Evenemanget tar inte emot anmälningar' },
  already_registered: { status: 409, title: 'Redan anmäld' },
  profile_not_found: { status: 404, title: 'Profilen finns inte' },
  not_organiser: { status: 403, title: 'Du hör inte till arrangören' },
  not_profile_owner: { status: 403, title: 'Profilen är inte din' },
  strategy_node_not_found: { status: 404, title: 'Strateginoden finns inte' },
  indicator_not_found: { status: 404, title: 'Indikatorn finns inte' },
  job_not_found: { status: 404, title: 'Jobbet finns inte' },
  job_not_done: { status: 409, title: 'Jobbet är inte klart' },
  invalid_period: { status: 400, title: 'Ogiltig period (år, t.ex. 2025, eller tertial, t.ex. 2025-T1)' },
  invalid_import: { status: 422, title: 'Filen kan inte läsas in' },
  invalid_strategy_move: { status: 409, title: 'Noden kan inte flyttas dit' },
  illegal_transition: { status: 409, title: 'Otillåten statusändring' },
  consent_missing: { status: 409, title: 'Samtycke saknas' },
  precondition_failed: { status: 412, title: 'Ärendet har ändrats' },
  precondition_required: { status: 428, title: 'If-Match krävs' },
  conflict: { status: 409, title: 'Konflikt' },
  payload_too_large: { status: 413, title: 'För stor begäran' },
  unsupported_media_type: { status: 415, title: 'Innehållstypen stöds inte' },
  rate_limited: { status: 429, title: 'För många förfrågningar' },
  idp_unavailable: { status: 502, title: 'Inloggningstjänsten svarar inte' },
  database_unavailable: { status: 503, title: 'Databasen svarar inte' },
  internal: { status: 500, title: 'Internt fel' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface ErrorDetail {
  /** JSON pointer or field name the detail is about. */
  field?: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'AppError';
  }
}
