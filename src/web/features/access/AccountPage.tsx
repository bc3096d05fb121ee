import { type FormEvent, useState } from 'react';
import type { OrganisationResponse } from '../../../contracts/catalogue.js';
import { errorMessage, LoadError, Loading } from '../../components/Status.js';
import { useI18n } from '../../i18n/i18n.js';
import { ApiError, type ListResponse } from '../../lib/api.js';
import { Link } from '../../lib/router.js';
import { paths } from '../../lib/routes.js';
import { useApi } from '../../lib/use-api.js';
import { useDocumentTitle } from '../../lib/use-document-title.js';
import { logout, send } from './access-api.js';
import { accessError, SignInPanel } from './SignInPanel.js';
import { administered } from './staff-admin.js';
import { useMe } from './use-me.js';

/** My account: who I am signed in as, the company I act for, my data, erasure and sign-out. */
export function AccountPage({ search = '' }: { search?: string }) {
  const { t } = useI18n();
  const outcome = t.access.loginOutcome[new URLSearchParams(search).get('inloggning') ?? ''];
  const me = useMe();
  const staff = me.state === 'ok' && me.me.user.kind === 'staff';
  const organisations = useApi<ListResponse<OrganisationResponse>>(staff ? '/api/organisations?limit=100' : null);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [erased, setErased] = useState(false);
  useDocumentTitle(t.access.accountTitle);

  const fail = (error: unknown) => {
    const code = error instanceof ApiError ? error.code : 'unknown';
    setMessage({ kind: 'error', text: accessError(t.access.errors, code) ?? errorMessage(t.errors, code) });
  };

  if (me.state === 'loading') return <Loading />;
  if (me.state === 'error') return <LoadError error={me.error} onRetry={me.reload} level={1} />;
  if (me.state === 'signed-out' || me.state === 'no-roles' || erased) {
    return (
      <>
        <h1>{t.access.accountTitle}</h1>
        {outcome && (
          <div className="notice notice--error" role="alert">
            <p>{outcome}</p>
          </div>
        )}
        {erased && (
          <div className="notice notice--success" role="status">
            <p>{t.access.erasureDone}</p>
          </div>
        )}
        {me.state === 'no-roles' && (
          <div className="notice" role="status">
            <p>{t.access.noRoles}</p>
            <button type="button" className="button button--secondary" onClick={() => void logout().catch(fail)}>
              {t.access.signOut}
            </button>
          </div>
        )}
        {me.state !== 'no-roles' && <SignInPanel returnTo={paths.account} />}
      </>
    );
  }

  const { user, memberships, companies, actingCompany } = me.me;
  const roleName = (role: string) => t.access.roles[role] ?? role;
  const organisation = (id: string) =>
    organisations.state === 'ok' ? organisations.data.items.find((o) => o.id === id) : undefined;
  const unitName = (organisationId: string, unitId: string | null) =>
    unitId === null ? null : (organisation(organisationId)?.units.find((u) => u.id === unitId)?.name ?? unitId);
  const admin = administered(me.me);

  const chooseCompany = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const orgnr = new FormData(event.currentTarget).get('orgnr');
    if (typeof orgnr !== 'string') return;
    try {
      await send('POST', '/api/me/company', { orgnr });
      const chosen = companies.find((c) => c.orgnr === orgnr);
      setMessage({ kind: 'success', text: t.access.actingFor(chosen?.name ?? orgnr, orgnr) });
      me.reload();
    } catch (error) {
      fail(error);
    }
  };

  const erase = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    try {
      await send('POST', '/api/me/erasure', { confirm: true });
      setErased(true);
    } catch (error) {
      fail(error);
    }
  };

  return (
    <>
      <h1>{t.access.accountTitle}</h1>
      <p className="lead">{t.access.signedInAs(user.name ?? t.access.noName)}</p>
      <div aria-live="polite">
        {message && (
          <div className={`notice notice--${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'}>
            <p>{message.text}</p>
          </div>
        )}
      </div>

      {user.kind === 'staff' && (
        <section aria-labelledby="roles-heading">
          <h2 id="roles-heading">{t.access.rolesHeading}</h2>
          <ul>
            {memberships.map((m) => (
              <li key={`${m.organisationId}/${m.unitId ?? ''}`}>
                {t.access.membership(
                  organisation(m.organisationId)?.name ?? m.organisationId,
                  unitName(m.organisationId, m.unitId),
                  roleName(m.role),
                )}
              </li>
            ))}
          </ul>
          {(admin.all || admin.organisationIds.length > 0) && (
            <ul>
              <li>
                <Link to={paths.staffAdmin}>{t.access.staffTitle}</Link>
              </li>
              <li>
                <Link to={paths.knowledge}>{t.knowledge.title}</Link>
              </li>
            </ul>
          )}
        </section>
      )}

      {user.kind === 'company-rep' && (
        <section aria-labelledby="company-heading">
          <h2 id="company-heading">{t.access.companyHeading}</h2>
          {actingCompany && <p>{t.access.actingFor(actingCompany.name ?? actingCompany.orgnr, actingCompany.orgnr)}</p>}
          {companies.length === 0 && <p>{t.access.noCompanies}</p>}
          {companies.length > 1 && (
            <form onSubmit={(e) => void chooseCompany(e)}>
              <fieldset className="fieldset">
                <legend>{t.access.chooseCompany}</legend>
                {companies.map((c) => (
                  <div className="choice" key={c.orgnr}>
                    <input
                      type="radio"
                      id={`company-${c.orgnr}`}
                      name="orgnr"
                      value={c.orgnr}
                      defaultChecked={c.orgnr === actingCompany?.orgnr}
                      required
                    />{' '}
                    <label htmlFor={`company-${c.orgnr}`}>
                      {c.name ?? c.orgnr} ({c.orgnr})
                    </label>
                  </div>
                ))}
              </fieldset>
              <button type="submit" className="button">
                {t.access.chooseCompanyButton}
              </button>
            </form>
          )}
        </section>
      )}

      <section aria-labelledby="data-heading">
        <h2 id="data-heading">{t.access.dataHeading}</h2>
        <p>{t.access.dataLead}</p>
        <p>
          <a href="/api/me/data" download>
            {t.access.downloadData}
          </a>
        </p>
        <form onSubmit={(e) => void erase(e)}>
          <h3>{t.access.erasureHeading}</h3>
          <p>{t.access.erasureLead}</p>
          <div className="choice">
            <input type="checkbox" id="erasure-confirm" name="confirm" required />{' '}
            <label htmlFor="erasure-confirm">{t.access.erasureConfirm}</label>
          </div>
          <button type="submit" className="button button--secondary">
            {t.access.erasureButton}
          </button>
        </form>
      </section>

      <p className="actions">
        <button type="button" className="button" onClick={() => void logout().catch(fail)}>
          {t.access.signOut}
        </button>
      </p>
    </>
  );
}
