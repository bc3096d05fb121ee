import { Pagination } from '../../components/Pagination.js';
import { LoadError, Loading } from '../../components/Status.js';
import { useI18n } from '../../i18n/i18n.js';
import type { ListResponse } from '../../lib/api.js';
import { Link } from '../../lib/router.js';
import { paths } from '../../lib/routes.js';
import { useApi } from '../../lib/use-api.js';
import { useDocumentTitle } from '../../lib/use-document-title.js';
import { SignInPanel } from '../access/SignInPanel.js';
import { useMe } from '../access/use-me.js';
import { DueDate, StatusTag } from './case-ui.js';
import type { CaseListResponse, CaseSummaryResponse } from './cases-api.js';

const PAGE_SIZE = 20;

/** Mina ärenden: every case of the company I act for, across all organisations, newest first. */
export function MyCasesPage({ search }: { search: string }) {
  const { t } = useI18n();
  useDocumentTitle(t.cases.my.title);
  const me = useMe();
  const page = Math.max(1, Math.min(10_000, Number(new URLSearchParams(search).get('sida')) || 1));
  const company =
    me.state === 'ok' && me.me.user.kind === 'company-rep' && me.me.actingCompany ? me.me.actingCompany : null;
  const list = useApi<CaseListResponse>(
    company ? `/api/my/cases?limit=${PAGE_SIZE}&offset=${(page - 1) * PAGE_SIZE}` : null,
  );

  const heading = <h1>{t.cases.my.title}</h1>;
  if (me.state === 'loading') {
    return (
      <>
        {heading}
        <Loading />
      </>
    );
  }
  if (me.state === 'error') return <LoadError error={me.error} onRetry={me.reload} level={1} />;
  if (me.state !== 'ok') {
    return (
      <>
        {heading}
        <p className="lead">{t.cases.my.signedOutLead}</p>
        <SignInPanel returnTo={paths.myCases} />
      </>
    );
  }
  if (me.me.user.kind !== 'company-rep') {
    return (
      <>
        {heading}
        <div className="notice" role="status">
          <p>{t.cases.my.staffNote}</p>
          <p>
            <Link to={paths.inbox}>{t.cases.inbox.title}</Link>
          </p>
        </div>
      </>
    );
  }
  if (!company) {
    return (
      <>
        {heading}
        <div className="notice" role="status">
          <p>{t.cases.submit.chooseCompanyFirst}</p>
          <p>
            <Link to={paths.account}>{t.cases.submit.chooseCompanyLink}</Link>
          </p>
        </div>
      </>
    );
  }

  return (
    <>
      {heading}
      <p className="lead">{t.cases.my.lead(company.name ?? company.orgnr)}</p>
      {list.state === 'loading' && <Loading />}
      {list.state === 'error' && <LoadError error={list.error} onRetry={list.reload} />}
      {list.state === 'ok' &&
        (list.data.items.length === 0 ? (
          <>
            <p>{t.cases.my.none}</p>
            <p>
              <Link to={paths.start}>{t.cases.my.startLink}</Link>
            </p>
          </>
        ) : (
          <>
            <table className="table case-table">
              <caption>{t.cases.my.caption(list.data.total, list.data.totalIsLowerBound)}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.cases.facts.diarienummer}</th>
                  <th scope="col">{t.cases.facts.offering}</th>
                  <th scope="col">{t.cases.facts.handledBy}</th>
                  <th scope="col">{t.cases.facts.status}</th>
                  <th scope="col">{t.cases.facts.due}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">
                      <Link to={paths.myCase(c.id)}>{c.diarienummer}</Link>
                    </th>
                    <td>{c.subject}</td>
                    <td>{c.organisation.name}</td>
                    <td>
                      <StatusTag status={c.status} />
                    </td>
                    <td>
                      <DueDate dueOn={c.dueOn} overdue={c.overdue} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Pagination
              page={page}
              pages={Math.max(1, Math.ceil(list.data.total / PAGE_SIZE))}
              href={(p) => (p > 1 ? `${paths.myCases}?sida=${p}` : paths.myCases)}
            />
          </>
        ))}
    </>
  );
}
