import { useEffect, useRef } from 'react';
import { Layout } from './components/Layout.js';
import { AccountPage } from './features/access/AccountPage.js';
import { StaffAdminPage } from './features/access/StaffAdminPage.js';
import { AccessibilityStatementPage } from './features/accessibility/AccessibilityStatementPage.js';
import { CataloguePage } from './features/catalogue/CataloguePage.js';
import { OfferingPage } from './features/catalogue/OfferingPage.js';
import { OrganisationPage } from './features/catalogue/OrganisationPage.js';
import { OrganisationsPage } from './features/catalogue/OrganisationsPage.js';
import { StartPage } from './features/intake/StartPage.js';
import { NotFoundPage } from './features/NotFoundPage.js';
import { StrategiesPage } from './features/strategy/StrategiesPage.js';
import { I18nProvider } from './i18n/i18n.js';
import { useLocation } from './lib/router.js';
import { matchRoute, type Route } from './lib/routes.js';

export function App() {
  return (
    <I18nProvider>
      <Pages />
    </I18nProvider>
  );
}

function Pages() {
  const { pathname, search } = useLocation();
  const route = matchRoute(pathname);
  const previous = useRef(pathname);

  // A new page: start at the top and put focus on <main>, so screen readers and keyboard users
  // begin at the new content rather than on the link they followed.
  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    window.scrollTo(0, 0);
    document.getElementById('main')?.focus();
  }, [pathname]);

  return (
    <Layout pathname={pathname}>
      <Page route={route} search={search} />
    </Layout>
  );
}

function Page({ route, search }: { route: Route; search: string }) {
  switch (route.page) {
    case 'start':
      return <StartPage />;
    case 'offerings':
      return <CataloguePage search={search} />;
    case 'offering':
      return <OfferingPage key={route.id} id={route.id} />;
    case 'organisations':
      return <OrganisationsPage search={search} />;
    case 'organisation':
      return <OrganisationPage key={route.id} id={route.id} />;
    case 'strategies':
      return <StrategiesPage search={search} />;
    case 'accessibility':
      return <AccessibilityStatementPage />;
    case 'account':
      return <AccountPage />;
    case 'staff-admin':
      return <StaffAdminPage />;
    case 'not-found':
      return <NotFoundPage />;
  }
}
