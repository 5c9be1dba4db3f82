import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Capability } from '../../access/policy';
import type { RequestContext } from '../../graphql/context';
import { calendarDate, DateScalar } from '../../graphql/date.scalar';
import { Policy } from '../../graphql/policy.decorator';
import { notFound } from '../../shared/errors';
import { AuditAction } from '../audit/audit.recorder';
import { OrganisationDto } from '../identity/dto/identity.dto';
import { CommitmentFollowUpDto, PlaceDto } from '../prevention/dto/reference.dto';
import type { CameraView } from './camera.service';
import { CameraDto, CameraFollowUpDto } from './dto/camera.dto';
import { CameraOutageInput, CreateCameraInput, UpdateCameraInput } from './dto/camera.input';

const dto = (v: CameraView): CameraDto => ({
  ...v,
  permit: {
    reference: v.permitReference,
    decidedOn: v.permitDecidedOn,
    validUntil: v.permitValidUntil,
    conditions: v.permitConditions,
    status: v.permitStatus,
  },
});

async function placeOf(ctx: RequestContext, placeId: string): Promise<PlaceDto> {
  const place = await ctx.loaders.place.load(placeId);
  if (!place) throw notFound('Place');
  ctx.audit.touch(AuditAction.READ, 'Place', [place]);
  return place;
}

@Resolver(() => CameraDto)
export class CameraResolver {
  @Query(() => [CameraDto], {
    description:
      "The safety function's own cameras; for police liaisons, the cameras of partner organisations in the partnership's areas.",
  })
  @Policy(Capability.CAMERA_READ)
  async cameras(
    @Ctx() ctx: RequestContext,
    @Arg('placeId', () => ID, { nullable: true }) placeId?: string,
  ): Promise<CameraDto[]> {
    return (await ctx.services.cameras.cameras(ctx.actor, { placeId: placeId ?? undefined })).map(dto);
  }

  @Query(() => CameraDto)
  @Policy(Capability.CAMERA_READ)
  async camera(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<CameraDto> {
    return dto(await ctx.services.cameras.camera(ctx.actor, id));
  }

  @Mutation(() => CameraDto, { description: 'A camera of your organisation, with its permit.' })
  @Policy(Capability.CAMERA_MANAGE)
  async createCamera(@Arg('input') input: CreateCameraInput, @Ctx() ctx: RequestContext): Promise<CameraDto> {
    return dto(
      await ctx.services.cameras.create(ctx.actor, await ctx.transaction(), {
        ...input,
        permitDecidedOn: calendarDate(input.permitDecidedOn),
        permitValidUntil: calendarDate(input.permitValidUntil),
        operatingSince: calendarDate(input.operatingSince),
      }),
    );
  }

  @Mutation(() => CameraDto)
  @Policy(Capability.CAMERA_MANAGE)
  async updateCamera(
    @Arg('id', () => ID) id: string,
    @Arg('input') input: UpdateCameraInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CameraDto> {
    return dto(
      await ctx.services.cameras.update(ctx.actor, await ctx.transaction(), id, {
        ...input,
        permitDecidedOn: calendarDate(input.permitDecidedOn) ?? undefined,
        permitValidUntil: calendarDate(input.permitValidUntil) ?? undefined,
        decommissionedOn: calendarDate(input.decommissionedOn) ?? undefined,
      }),
    );
  }

  @Mutation(() => CameraDto, {
    description: 'The camera is (or was) out of order from a day, until a day or further notice.',
  })
  @Policy(Capability.CAMERA_MANAGE)
  async recordCameraOutage(
    @Arg('cameraId', () => ID) cameraId: string,
    @Arg('input') input: CameraOutageInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CameraDto> {
    return dto(
      await ctx.services.cameras.recordOutage(ctx.actor, await ctx.transaction(), cameraId, {
        note: input.note,
        startedOn: calendarDate(input.startedOn),
        endedOn: calendarDate(input.endedOn),
      }),
    );
  }

  @Mutation(() => CameraDto, { description: 'The camera works again from the day after `endedOn`.' })
  @Policy(Capability.CAMERA_MANAGE)
  async endCameraOutage(
    @Arg('outageId', () => ID) outageId: string,
    @Arg('endedOn', () => DateScalar, { validate: false }) endedOn: Date, // a Date is no class to validate
    @Ctx() ctx: RequestContext,
  ): Promise<CameraDto> {
    return dto(
      await ctx.services.cameras.endOutage(ctx.actor, await ctx.transaction(), outageId, calendarDate(endedOn)),
    );
  }

  @FieldResolver(() => PlaceDto)
  place(@Root() c: CameraDto, @Ctx() ctx: RequestContext): Promise<PlaceDto> {
    return placeOf(ctx, c.placeId);
  }

  @FieldResolver(() => OrganisationDto, { description: 'The organisation that runs the camera.' })
  async owner(@Root() c: CameraDto, @Ctx() ctx: RequestContext): Promise<OrganisationDto> {
    const organisation = await ctx.loaders.organisation.load(c.organisationId);
    if (!organisation) throw notFound('Organisation');
    ctx.audit.touch(AuditAction.READ, 'Organisation', [{ id: organisation.id, organisationId: organisation.id }]);
    return organisation;
  }
}

@Resolver(() => CameraFollowUpDto)
export class CameraFollowUpResolver {
  @FieldResolver(() => PlaceDto)
  place(@Root() c: CameraFollowUpDto, @Ctx() ctx: RequestContext): Promise<PlaceDto> {
    return placeOf(ctx, c.placeId);
  }
}

@Resolver(() => CommitmentFollowUpDto)
export class CommitmentCamerasResolver {
  @FieldResolver(() => [CameraFollowUpDto], {
    description: 'The cameras serving the commitment: days in operation, footage requests, permit status.',
  })
  async cameras(
    @Root() f: CommitmentFollowUpDto & { year: number },
    @Ctx() ctx: RequestContext,
  ): Promise<CameraFollowUpDto[]> {
    const rows = await ctx.services.cameras.followUp(f.commitment.id, f.year);
    ctx.audit.touch(
      AuditAction.READ,
      'Camera',
      rows.map((r) => ({ id: r.cameraId, organisationId: r.organisationId })),
    );
    return rows;
  }
}
