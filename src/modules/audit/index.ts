import { AuditActorResolver } from './audit-actor.resolver';
import { AuditResolver } from './audit.resolver';

/** GraphQL resolvers of the audit module (the auditor API). */
export const RESOLVERS: Function[] = [AuditResolver, AuditActorResolver];
