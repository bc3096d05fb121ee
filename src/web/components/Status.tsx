import { useI18n } from '../i18n/i18n.js';
import type { Messages } from '../i18n/sv.js';
import type { ApiError } from '../lib/api.js';

/** The Swedish (or English) sentence for a problem's code; unknown codes get a general one. */
export function errorMessage(errors: Messages['errors'], code: string): string {
  const known: Record<string, string> = {
    network: errors.network,
    validation_failed: errors.validation_failed,
    invalid_municipality: errors.invalid_municipality,
    rate_limited: errors.rate_limited,
    payload_too_large: errors.payload_too_large,
    not_found: errors.not_found,
    offering_not_found: errors.offering_not_found,
    organisation_not_found: errors.organisation_not_found,
    intake_not_found: errors.intake_not_found,
    csrf_failed: errors.csrf_failed,
    internal: errors.internal,
    database_unavailable: errors.internal,
  };
  return known[code] ?? errors.unknown;
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="status" role="status">
      {t.app.loading}
    </p>
  );
}

/** A failed load; `level` 1 when the page has no other h1 (one h1 per page), `null` for no heading. */
export function LoadError({
  error,
  onRetry,
  level = 2,
}: {
  error: ApiError;
  onRetry?: () => void;
  level?: 1 | 2 | null;
}) {
  const { t } = useI18n();
  const notFound = error.status === 404;
  const Heading = level === 1 ? 'h1' : 'h2';
  return (
    <div className="notice notice--error" role="alert">
      {level !== null && (
        <Heading className="notice__heading">{notFound ? t.notFound.title : t.errors.heading}</Heading>
      )}
      <p>{errorMessage(t.errors, error.code)}</p>
      {onRetry && !notFound && (
        <button type="button" className="button button--secondary" onClick={onRetry}>
          {t.errors.retry}
        </button>
      )}
    </div>
  );
}
