/** GraphQL resolvers of the audit module (the auditor API). */
export const RESOLVERS: Function[] = [];
