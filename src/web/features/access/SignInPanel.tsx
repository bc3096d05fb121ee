import { useI18n } from '../../i18n/i18n.js';
import { loginUrl } from './access-api.js';

/** The two ways in: e-ID for businesses, the organisation's login for staff. Plain links: the server redirects. */
export function SignInPanel({ returnTo }: { returnTo: string }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="sign-in-heading">
      <h2 id="sign-in-heading">{t.access.signIn}</h2>
      <p>{t.access.signInLead}</p>
      <p className="actions">
        <a className="button" href={loginUrl('company', returnTo)}>
          {t.access.signInCompany}
        </a>
        <a className="button button--secondary" href={loginUrl('staff', returnTo)}>
          {t.access.signInStaff}
        </a>
      </p>
    </section>
  );
}

/** The sentence for a problem code of the access API, or null when the general one fits. */
export function accessError(errors: Record<string, string>, code: string): string | null {
  return errors[code] ?? null;
}
