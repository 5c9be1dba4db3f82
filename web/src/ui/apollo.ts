import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { ErrorLink } from '@apollo/client/link/error';
import { relayStylePagination } from '@apollo/client/utilities';
import { errorCodes } from './errors';

/**
 * The console's one Apollo Client. The session travels in an httpOnly cookie (sent by the browser
 * to /graphql only); requests are JSON POSTs, which Apollo Server's CSRF prevention requires.
 */
let sessionExpired: () => void = () => undefined;
let lastRequestAt = Date.now();

export const sessionClock = {
  /** When the server last saw this session (the console's own requests keep it alive). */
  lastRequestAt: (): number => lastRequestAt,
  onExpired(handler: () => void): void {
    sessionExpired = handler;
  },
};

/** Operations for which "not signed in" is an answer, not an expired session. */
const SESSION_PROBES = new Set(['SignIn', 'CurrentUser', 'SignOut']);

const activity = new ApolloLink((operation, forward) => {
  lastRequestAt = Date.now();
  return forward(operation);
});

const expiry = new ErrorLink(({ error, operation }) => {
  if (!SESSION_PROBES.has(operation.operationName ?? '') && errorCodes(error).includes('UNAUTHENTICATED'))
    sessionExpired();
});

export const client = new ApolloClient({
  link: ApolloLink.from([activity, expiry, new HttpLink({ uri: '/graphql', credentials: 'same-origin' })]),
  cache: new InMemoryCache({
    typePolicies: {
      Query: { fields: { preventionActivities: relayStylePagination(['filter']) } },
    },
  }),
  defaultOptions: { watchQuery: { fetchPolicy: 'cache-and-network' } },
});
