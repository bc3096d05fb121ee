import type { ReactNode } from 'react';
import { useMe } from '../features/access/use-me.js';
import { useI18n } from '../i18n/i18n.js';
import { Link } from '../lib/router.js';
import { paths } from '../lib/routes.js';

interface NavItem {
  to: string;
  label: string;
  /** The path prefix that marks the item as the current section. */
  section: string;
}

/** Skip link, header with the main menu and language switch, the main landmark and the footer. */
export function Layout({ pathname, children }: { pathname: string; children: ReactNode }) {
  const { t, language, setLanguage } = useI18n();
  const other = language === 'sv' ? 'en' : 'sv';
  // Staff get their inbox in the menu; everyone else Mina ärenden (it offers sign-in when needed).
  const me = useMe();
  const staff = me.state === 'ok' && me.me.user.kind === 'staff';
  const items: NavItem[] = [
    { to: paths.start, label: t.nav.start, section: '/' },
    { to: paths.offerings, label: t.nav.offerings, section: paths.offerings },
    { to: paths.organisations, label: t.nav.organisations, section: paths.organisations },
    { to: paths.strategies, label: t.nav.strategies, section: paths.strategies },
    { to: paths.sites, label: t.nav.establishment, section: paths.sites },
    { to: paths.events, label: t.nav.events, section: paths.events },
    staff
      ? { to: paths.inbox, label: t.nav.inbox, section: paths.inbox }
      : { to: paths.myCases, label: t.nav.myCases, section: paths.myCases },
    // Matchmaking is for the signed-in: companies, and staff publishing for their organisation.
    ...(me.state === 'ok' ? [{ to: paths.matchmaking, label: t.matchmaking.nav, section: paths.matchmaking }] : []),
    { to: paths.account, label: t.nav.account, section: paths.account },
  ];
  const current = (item: NavItem) =>
    item.section === '/' ? pathname === '/' : pathname === item.section || pathname.startsWith(`${item.section}/`);

  return (
    <>
      <a className="skip-link" href="#main">
        {t.app.skipLink}
      </a>
      <header className="site-header">
        <div className="container site-header__inner">
          <Link to={paths.start} className="brand">
            <span className="brand__name">{t.app.name}</span>
            <span className="brand__tagline">{t.app.tagline}</span>
          </Link>
          <button
            type="button"
            className="language-switch"
            lang={other}
            aria-label={t.app.languageSwitchLabel}
            onClick={() => setLanguage(other)}
          >
            {t.app.languageSwitch}
          </button>
        </div>
        <nav className="site-nav" aria-label={t.app.mainNav}>
          <ul className="container site-nav__list">
            {items.map((item) => (
              <li key={item.to}>
                <Link to={item.to} aria-current={current(item) ? 'page' : undefined}>
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1} className="container site-main">
        {children}
      </main>
      <footer className="site-footer">
        <div className="container site-footer__inner">
          <p className="site-footer__about">{t.footer.about}</p>
          <nav aria-label={t.footer.links}>
            <ul className="site-footer__links">
              <li>
                <Link to={paths.accessibility}>{t.footer.accessibility}</Link>
              </li>
            </ul>
          </nav>
        </div>
      </footer>
    </>
  );
}
