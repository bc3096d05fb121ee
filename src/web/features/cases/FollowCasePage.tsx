import { LoadError, Loading } from '../../components/Status.js';
import { useI18n } from '../../i18n/i18n.js';
import { useDocumentTitle } from '../../lib/use-document-title.js';
import { CompanyCaseView } from './CompanyCaseView.js';
import { useCase } from './use-case.js';

/**
 * Följ ärendet: the company that did not sign in follows its case by the secret link from the
 * e-mail. Opening it the first time verifies the e-mail address.
 */
export function FollowCasePage({ token }: { token: string }) {
  const { t } = useI18n();
  const base = `/api/follow/${encodeURIComponent(token)}`;
  const found = useCase(base);
  // The title never holds the token or the company's details: it stays in browser history.
  useDocumentTitle(found.state === 'ok' ? t.cases.follow.title(found.data.diarienummer) : t.cases.follow.titlePlain);

  if (found.state === 'loading') {
    return (
      <>
        <h1>{t.cases.follow.titlePlain}</h1>
        <Loading />
      </>
    );
  }
  if (found.state === 'error') {
    if (found.error.code === 'case_not_found' || found.error.status === 404 || found.error.status === 400) {
      return (
        <>
          <h1>{t.cases.follow.titlePlain}</h1>
          <div className="notice notice--error" role="alert">
            <p>{t.cases.follow.invalidLink}</p>
          </div>
        </>
      );
    }
    return <LoadError error={found.error} onRetry={found.retry} level={1} />;
  }
  return (
    <>
      <p className="notice notice--info">{t.cases.follow.privateLink}</p>
      <CompanyCaseView data={found.data} api={{ base, mode: 'follow' }} onChange={found.set} onReload={found.refresh} />
    </>
  );
}
