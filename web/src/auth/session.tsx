import { useQuery } from '@apollo/client/react';
import { createContext, useContext, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { graphql } from '../gql';
import type { CurrentUserQuery } from '../gql/graphql';
import { Loading } from '../ui/ErrorMessage';

const CurrentUser = graphql(`
  query CurrentUser {
    me {
      id
      displayName
      email
      roles
      organisation {
        id
        name
        kind
      }
    }
  }
`);

export type CurrentUser = CurrentUserQuery['me'];

interface SessionState {
  user: CurrentUser | undefined;
  loading: boolean;
  refresh: () => Promise<unknown>;
}

const SessionContext = createContext<SessionState>({ user: undefined, loading: true, refresh: async () => undefined });

export function SessionProvider({ children }: { children: ReactNode }) {
  const { data, loading, refetch } = useQuery(CurrentUser, { fetchPolicy: 'network-only', errorPolicy: 'all' });
  return (
    <SessionContext.Provider value={{ user: data?.me ?? undefined, loading, refresh: () => refetch() }}>
      {children}
    </SessionContext.Provider>
  );
}

export const useSession = (): SessionState => useContext(SessionContext);

/** The signed-in person; only used below RequireSession. */
export function useUser(): CurrentUser {
  const { user } = useSession();
  if (!user) throw new Error('useUser outside RequireSession');
  return user;
}

/** Where to come back to after signing in. */
export function signInPath(location: { pathname: string; search: string }, reason?: 'expired'): string {
  const back = location.pathname + location.search;
  const params = new URLSearchParams();
  if (back !== '/' && !back.startsWith('/logga-in')) params.set('tillbaka', back);
  if (reason) params.set('orsak', 'utgangen');
  const query = params.toString();
  return `/logga-in${query ? `?${query}` : ''}`;
}

export function RequireSession({ children }: { children: ReactNode }) {
  const { user, loading } = useSession();
  const location = useLocation();
  if (loading && !user) return <Loading />;
  if (!user) return <Navigate to={signInPath(location)} replace />;
  return <>{children}</>;
}
