import { Ctx, Field, FieldResolver, ID, ObjectType, Resolver, Root } from 'type-graphql';
import { Capability } from '../../access/policy';
import type { RequestContext } from '../../graphql/context';
import { defineLoader } from '../../graphql/loaders';
import { Policy } from '../../graphql/policy.decorator';
import { OrganisationType } from '../identity/dto/identity.types';
import { AuditEventType } from './dto/audit.types';

@ObjectType('AuditActor', {
  description: 'Who acted, as far as the auditor may know: the name only of users of their own organisation.',
})
@Policy(Capability.AUDIT_READ)
export class AuditActorType {
  @Field(() => ID) id: string;
  @Field(() => String, {
    nullable: true,
    description: "Null for a user of another organisation: that organisation's auditors can name them.",
  })
  displayName: string | null;
  @Field(() => OrganisationType, { nullable: true }) organisation: OrganisationType | null;
}

/** The per-request actor loader: one statement for every actor of a page. */
const actorLoader = defineLoader((ctx) => ctx.services.auditActors.loader(ctx.actor));

@Resolver(() => AuditEventType)
export class AuditActorResolver {
  @FieldResolver(() => AuditActorType, {
    nullable: true,
    description: 'The acting user, resolved for log review; null when unauthenticated.',
  })
  async actor(@Root() event: AuditEventType, @Ctx() ctx: RequestContext): Promise<AuditActorType | null> {
    if (!event.actorId) return null;
    const [user, organisation] = await Promise.all([
      ctx.loaders.get(actorLoader).load(event.actorId),
      event.actorOrganisationId ? ctx.loaders.organisation.load(event.actorOrganisationId) : Promise.resolve(null),
    ]);
    return Object.assign(new AuditActorType(), {
      id: event.actorId,
      displayName: user?.displayName ?? null,
      organisation: organisation
        ? Object.assign(new OrganisationType(), {
            id: organisation.id,
            name: organisation.name,
            kind: organisation.kind,
          })
        : null,
    });
  }
}
