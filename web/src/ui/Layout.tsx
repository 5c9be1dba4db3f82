import { useApolloClient, useMutation } from '@apollo/client/react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { mayUse } from '../access/areas';
import { MENU } from '../access/menu';
import { signInPath, useSession, useUser } from '../auth/session';
import { graphql } from '../gql';
import { sessionClock } from './apollo';
import { IdleWarning } from './IdleWarning';

const SignOut = graphql(`
  mutation SignOut {
    signOut {
      ended
      providerLogoutUrl
    }
  }
`);

export function Layout() {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const { refresh } = useSession();
  const client = useApolloClient();
  const navigate = useNavigate();
  const location = useLocation();
  const [signOut] = useMutation(SignOut);

  useEffect(() => {
    // An expired session anywhere: back to sign-in, and afterwards to this page.
    sessionClock.onExpired(() => {
      void client.clearStore();
      void navigate(signInPath(window.location, 'expired'), { replace: true });
    });
  }, [client, navigate]);

  const leave = async () => {
    let providerLogout: string | null | undefined;
    try {
      providerLogout = (await signOut()).data?.signOut.providerLogoutUrl;
    } catch {
      // The session may have ended already: leave all the same.
    }
    await client.clearStore();
    // Signed in through the organisation's identity provider: end its session there too.
    if (providerLogout && /^https?:\/\//.test(providerLogout)) {
      window.location.assign(providerLogout);
      return;
    }
    await refresh();
    void navigate('/logga-in', { replace: true });
  };

  const other = i18n.language === 'sv' ? 'en' : 'sv';
  const menu = MENU.filter((item) => mayUse(user.roles, item.area));
  return (
    <div className="app">
      <a href="#main" className="skip-link">
        {t('nav.skip')}
      </a>
      <header className="topbar">
        <div className="topbar-inner">
          <span className="brand">Samverkan</span>
          {menu.length > 0 && (
            <nav aria-label={t('nav.label')}>
              <ul>
                {menu.map((item) => (
                  <li key={item.to}>
                    <NavLink to={item.to} end={item.end}>
                      {t(item.key)}
                    </NavLink>
                  </li>
                ))}
              </ul>
            </nav>
          )}
          <div className="account">
            <span className="who">
              {user.displayName}
              <span className="org">{user.organisation.name}</span>
            </span>
            <button type="button" className="button link" lang={other} onClick={() => void i18n.changeLanguage(other)}>
              {t('nav.otherLanguage')}
            </button>
            <button type="button" className="button secondary" onClick={() => void leave()}>
              {t('nav.signOut')}
            </button>
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} key={location.pathname}>
        <Outlet />
      </main>
      <IdleWarning />
    </div>
  );
}
