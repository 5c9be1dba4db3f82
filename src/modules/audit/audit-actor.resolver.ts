import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { defineLoader } from '../../graphql/loaders';
import { OrganisationDto } from '../identity/dto/identity.dto';
import { AuditActorDto } from './dto/audit-actor.dto';
import { AuditEventDto } from './dto/audit.dto';

/** The per-request actor loader: one statement for every actor of a page. */
const actorLoader = defineLoader((ctx) => ctx.services.auditActors.loader(ctx.actor));

@Resolver(() => AuditEventDto)
export class AuditActorResolver {
  @FieldResolver(() => AuditActorDto, {
    nullable: true,
    description: 'The acting user, resolved for log review; null when unauthenticated.',
  })
  async actor(@Root() event: AuditEventDto, @Ctx() ctx: RequestContext): Promise<AuditActorDto | null> {
    if (!event.actorId) return null;
    const [user, organisation] = await Promise.all([
      ctx.loaders.get(actorLoader).load(event.actorId),
      event.actorOrganisationId ? ctx.loaders.organisation.load(event.actorOrganisationId) : Promise.resolve(null),
    ]);
    return Object.assign(new AuditActorDto(), {
      id: event.actorId,
      displayName: user?.displayName ?? null,
      organisation: organisation
        ? Object.assign(new OrganisationDto(), {
            id: organisation.id,
            name: organisation.name,
            kind: organisation.kind,
          })
        : null,
    });
  }
}
