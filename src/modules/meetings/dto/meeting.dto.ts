import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Capability } from '../../../access/policy';
import { DateScalar } from '../../../graphql/date.scalar';
import { Policy } from '../../../graphql/policy.decorator';
import { CaseTaskStatus } from '../../cases/case.entities';

@ObjectType('MeetingAttendee')
@Policy(Capability.MEETING_WORK)
export class MeetingAttendeeDto {
  @Field(() => ID) organisationId: string;
  @Field(() => ID, { nullable: true, description: 'A person of the organisation; null: the organisation as such.' })
  userId: string | null;
}

@ObjectType('MeetingAction', { description: 'An action decided on an agenda item: an owner, a due date and a status.' })
@Policy(Capability.MEETING_WORK)
export class MeetingActionDto {
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
export class MeetingAgendaItemDto {
  @Field(() => ID) id: string;
  @Field(() => Int) position: number;
  @Field({ description: 'Brought onto the agenda by open actions of an earlier meeting.' }) carriedOver: boolean;
  @Field() visible: boolean;
  @Field(() => ID, { nullable: true }) caseId: string | null;
  @Field(() => String, { nullable: true }) decision: string | null;
  @Field(() => [MeetingActionDto]) actions: MeetingActionDto[];
  @Field(() => [MeetingActionDto], {
    description: "Open actions of the partnership's earlier meetings on this case (followed up here).",
  })
  carriedActions: MeetingActionDto[];
}

@ObjectType('CoordinationMeeting', {
  description: 'A multi-agency meeting of a partnership (for example a MARAC-style risk meeting).',
})
@Policy(Capability.MEETING_WORK)
export class CoordinationMeetingDto {
  @Field(() => ID) id: string;
  @Field(() => ID) partnershipId: string;
  @Field(() => DateScalar) meetingOn: string;
  @Field() place: string;
  @Field(() => ID) organiserOrganisationId: string;
  @Field(() => [MeetingAttendeeDto]) attendees: MeetingAttendeeDto[];
  @Field(() => [MeetingAgendaItemDto]) agenda: MeetingAgendaItemDto[];
  @Field() createdAt: Date;
}
