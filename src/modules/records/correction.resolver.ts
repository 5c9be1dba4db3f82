import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Capability } from '../../access/policy';
import type { RequestContext } from '../../graphql/context';
import { Policy } from '../../graphql/policy.decorator';
import { CorrectionService } from './correction.service';
import { CorrectCaseRecordInput, CorrectPreventionActivityInput } from './dto/correction.input';
import { RecordCorrectionDto } from './dto/correction.dto';

const services = new WeakMap<RequestContext['services'], CorrectionService>();
function service(ctx: RequestContext): CorrectionService {
  let s = services.get(ctx.services);
  if (!s) {
    s = new CorrectionService(ctx.dataSource, ctx.services.cases);
    services.set(ctx.services, s);
  }
  return s;
}

const toType = (c: object): RecordCorrectionDto => Object.assign(new RecordCorrectionDto(), c);

/** Corrections (rättelse) of records by their author's organisation, and their auditors' view. */
@Resolver()
export class CorrectionResolver {
  @Mutation(() => RecordCorrectionDto, {
    description:
      "Corrects your organisation's note text, meeting decisions or assessment level in a case you work, with a reason. The previous value is kept for your auditors; partners see only the corrected one.",
  })
  @Policy(Capability.CASE_READ)
  async correctCaseRecord(
    @Arg('input') input: CorrectCaseRecordInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RecordCorrectionDto> {
    return toType(await service(ctx).correctCaseItem(ctx.actor, await ctx.transaction(), { ...input }));
  }

  @Mutation(() => RecordCorrectionDto, {
    description: "Corrects the title, description or outcome notes of your organisation's prevention activity.",
  })
  @Policy(Capability.ACTIVITY_WRITE)
  async correctPreventionActivity(
    @Arg('input') input: CorrectPreventionActivityInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RecordCorrectionDto> {
    return toType(
      await service(ctx).correctActivity(ctx.actor, await ctx.transaction(), { ...input, value: input.value ?? null }),
    );
  }

  @Query(() => [RecordCorrectionDto], {
    description:
      "Your organisation's corrections of a record, oldest first, with the previous values (auditors; entityType CaseNote, CaseMeeting, RiskAssessment or PreventionActivity).",
  })
  @Policy(Capability.AUDIT_READ)
  async recordCorrections(
    @Arg('entityType') entityType: string,
    @Arg('entityId', () => ID) entityId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<RecordCorrectionDto[]> {
    return (await service(ctx).corrections(ctx.actor, entityType, entityId)).map(toType);
  }
}
