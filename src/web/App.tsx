import { useEffect, useRef } from 'react';
import { Layout } from './components/Layout.js';
import { AccountPage } from './features/access/AccountPage.js';
import { StaffAdminPage } from './features/access/StaffAdminPage.js';
import { AccessibilityStatementPage } from './features/accessibility/AccessibilityStatementPage.js';
import { FollowCasePage } from './features/cases/FollowCasePage.js';
import { InboxPage } from './features/cases/InboxPage.js';
import { MyCasePage } from './features/cases/MyCasePage.js';
import { MyCasesPage } from './features/cases/MyCasesPage.js';
import { StaffCasePage } from './features/cases/StaffCasePage.js';
import { CataloguePage } from './features/catalogue/CataloguePage.js';
import { OfferingPage } from './features/catalogue/OfferingPage.js';
import { OrganisationPage } from './features/catalogue/OrganisationPage.js';
import { OrganisationsPage } from './features/catalogue/OrganisationsPage.js';
import { InquiriesPage } from './features/establishment/InquiriesPage.js';
import { InquiryPage } from './features/establishment/InquiryPage.js';
import { SitePage } from './features/establishment/SitePage.js';
import { SitesPage } from './features/establishment/SitesPage.js';
import { CancelRegistrationPage } from './features/events/CancelRegistrationPage.js';
import { EventPage } from './features/events/EventPage.js';
import { EventsPage } from './features/events/EventsPage.js';
import { OrganiseEventsPage } from './features/events/OrganiseEventsPage.js';
import { StartPage } from './features/intake/StartPage.js';
import { KnowledgePage } from './features/knowledge/KnowledgePage.js';
import { MatchmakingPage } from './features/matchmaking/MatchmakingPage.js';
import { NotFoundPage } from './features/NotFoundPage.js';
import { FollowUpPage } from './features/strategy/FollowUpPage.js';
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
    case 'follow-up':
      return <FollowUpPage search={search} />;
    case 'accessibility':
      return <AccessibilityStatementPage />;
    case 'account':
      return <AccountPage search={search} />;
    case 'staff-admin':
      return <StaffAdminPage />;
    case 'knowledge':
      return <KnowledgePage />;
    case 'follow-case':
      return <FollowCasePage key={route.token} token={route.token} />;
    case 'my-cases':
      return <MyCasesPage search={search} />;
    case 'my-case':
      return <MyCasePage key={route.id} id={route.id} />;
    case 'inbox':
      return <InboxPage search={search} />;
    case 'staff-case':
      return <StaffCasePage key={route.id} id={route.id} />;
    case 'sites':
      return <SitesPage />;
    case 'site':
      return <SitePage key={route.id} id={route.id} />;
    case 'events':
      return <EventsPage />;
    case 'event':
      return <EventPage key={route.id} id={route.id} />;
    case 'inquiries':
      return <InquiriesPage />;
    case 'inquiry':
      return <InquiryPage key={route.id} id={route.id} />;
    case 'organise-events':
      return <OrganiseEventsPage />;
    case 'cancel-registration':
      return <CancelRegistrationPage key={route.token} token={route.token} />;
    case 'matchmaking':
      return <MatchmakingPage />;
    case 'not-found':
      return <NotFoundPage />;
  }
}
