import { ArrayMaxSize, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { DateScalar } from '../../../graphql/date.scalar';
import { NoInvisibleFormatting } from '../../../shared/plain-text';

@InputType()
export class CreateCoordinationMeetingInput {
  @Field(() => ID) partnershipId: string;
  @Field(() => DateScalar) meetingOn: Date;
  @Field() @MaxLength(200) @NoInvisibleFormatting() place: string;
  @Field(() => [ID], { description: "The caller's organisation always attends." })
  @ArrayMaxSize(20)
  attendeeOrganisationIds: string[];
  @Field(() => [ID], { nullable: true }) @ArrayMaxSize(50) attendeeUserIds?: string[] | null;
  @Field(() => [ID], {
    nullable: true,
    description: 'Cases the caller may work. Cases with open actions from earlier meetings are added too.',
  })
  @ArrayMaxSize(30)
  caseIds?: string[] | null;
}

@InputType()
export class AddMeetingActionInput {
  @Field(() => ID) agendaItemId: string;
  @Field() @MaxLength(500) @NoInvisibleFormatting() title: string;
  @Field(() => ID, { description: 'An attending organisation that may see the case.' }) ownerOrganisationId: string;
  @Field(() => ID, { nullable: true }) ownerUserId?: string | null;
  @Field(() => DateScalar) dueOn: Date;
}
