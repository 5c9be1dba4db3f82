/** The development IDE page; filled in by the GraphiQL module. */
export function graphiqlPage(): string {
  return '<!doctype html><title>Samverkan GraphQL</title><p>POST GraphQL requests to /graphql.</p>';
}
