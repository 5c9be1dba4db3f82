import { ArrayMaxSize, MaxLength } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Capability } from '../../../access/policy';
import { DateScalar } from '../../../graphql/date.scalar';
import { Policy } from '../../../graphql/policy.decorator';
import { NoInvisibleFormatting } from '../../../shared/plain-text';
import { CaseTaskStatus } from '../../cases/case.entities';

@ObjectType('MeetingAttendee')
@Policy(Capability.MEETING_WORK)
export class MeetingAttendeeType {
  @Field(() => ID) organisationId: string;
  @Field(() => ID, { nullable: true, description: 'A person of the organisation; null: the organisation as such.' })
  userId: string | null;
}

@ObjectType('MeetingAction', { description: 'An action decided on an agenda item: an owner, a due date and a status.' })
@Policy(Capability.MEETING_WORK)
export class MeetingActionType {
  @Field(() => ID) id: string;
  @Field(() => ID) agendaItemId: string;
  @Field(() => ID) meetingId: string;
  @Field(() => ID) caseId: string;
  @Field() title: string;
  @Field(() => ID) ownerOrganisationId: string;
  @Field(() => ID, { nullable: true }) ownerUserId: string | null;
  @Field(() => DateScalar) dueOn: string;
  @Field(() => CaseTaskStatus) status: CaseTaskStatus;
  @Field() createdAt: Date;
}

@ObjectType('MeetingAgendaItem', {
  description:
    'A case on the agenda. Only attendees who may read the case see it (visible: true); everyone else sees the position only.',
})
@Policy(Capability.MEETING_WORK)
export class MeetingAgendaItemType {
  @Field(() => ID) id: string;
  @Field(() => Int) position: number;
  @Field({ description: 'Brought onto the agenda by open actions of an earlier meeting.' }) carriedOver: boolean;
  @Field() visible: boolean;
  @Field(() => ID, { nullable: true }) caseId: string | null;
  @Field(() => String, { nullable: true }) decision: string | null;
  @Field(() => [MeetingActionType]) actions: MeetingActionType[];
  @Field(() => [MeetingActionType], {
    description: "Open actions of the partnership's earlier meetings on this case (followed up here).",
  })
  carriedActions: MeetingActionType[];
}

@ObjectType('CoordinationMeeting', {
  description: 'A multi-agency meeting of a partnership (for example a MARAC-style risk meeting).',
})
@Policy(Capability.MEETING_WORK)
export class CoordinationMeetingType {
  @Field(() => ID) id: string;
  @Field(() => ID) partnershipId: string;
  @Field(() => DateScalar) meetingOn: string;
  @Field() place: string;
  @Field(() => ID) organiserOrganisationId: string;
  @Field(() => [MeetingAttendeeType]) attendees: MeetingAttendeeType[];
  @Field(() => [MeetingAgendaItemType]) agenda: MeetingAgendaItemType[];
  @Field() createdAt: Date;
}

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
