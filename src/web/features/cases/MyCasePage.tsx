import { LoadError, Loading } from '../../components/Status.js';
import { useI18n } from '../../i18n/i18n.js';
import { Link } from '../../lib/router.js';
import { paths } from '../../lib/routes.js';
import { useDocumentTitle } from '../../lib/use-document-title.js';
import { SignInPanel } from '../access/SignInPanel.js';
import { useMe } from '../access/use-me.js';
import { CompanyCaseView } from './CompanyCaseView.js';
import { useCase } from './use-case.js';

/** One of my cases (signed in as a company): the same view as the follow link, with revocation and downloads. */
export function MyCasePage({ id }: { id: string }) {
  const { t } = useI18n();
  const me = useMe();
  const base = `/api/my/cases/${encodeURIComponent(id)}`;
  const company = me.state === 'ok' && me.me.user.kind === 'company-rep';
  const found = useCase(company ? base : null);
  useDocumentTitle(found.state === 'ok' ? `${found.data.diarienummer} – ${t.cases.my.title}` : t.cases.my.title);

  const back = (
    <p className="breadcrumb">
      <Link to={paths.myCases}>{t.cases.my.title}</Link>
    </p>
  );
  if (me.state === 'loading' || (company && found.state === 'loading')) {
    return (
      <>
        {back}
        <h1>{t.cases.my.title}</h1>
        <Loading />
      </>
    );
  }
  if (me.state === 'error') return <LoadError error={me.error} onRetry={me.reload} level={1} />;
  if (!company) {
    return (
      <>
        <h1>{t.cases.my.title}</h1>
        <SignInPanel returnTo={paths.myCase(id)} />
      </>
    );
  }
  if (found.state === 'error') {
    return (
      <>
        {back}
        <LoadError error={found.error} onRetry={found.retry} level={1} />
      </>
    );
  }
  if (found.state !== 'ok') return null;
  return (
    <>
      {back}
      <CompanyCaseView data={found.data} api={{ base, mode: 'my' }} onChange={found.set} onReload={found.refresh} />
    </>
  );
}
