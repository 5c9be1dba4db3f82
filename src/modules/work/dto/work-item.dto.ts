import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Capability } from '../../../access/policy';
import { PageInfo } from '../../../graphql/connection.types';
import { DateScalar } from '../../../graphql/date.scalar';
import { Policy } from '../../../graphql/policy.decorator';
import { CaseTaskStatus } from '../../cases/case.entities';
import { DueWindow, WorkItemKind } from '../work-item.repository';

registerEnumType(DueWindow, {
  name: 'DueWindow',
  description:
    'By Swedish calendar date: OVERDUE before today; NEXT_7_DAYS today up to seven days ahead; LATER after that.',
});
registerEnumType(WorkItemKind, {
  name: 'WorkItemKind',
  description:
    'CASE_TASK: a task of a case; MEETING_ACTION: an action of a multi-agency meeting; FINDING_ACTION: the action of a finding of a safety walk or patrol.',
});

@ObjectType('WorkItem', {
  description:
    "A task or action on the caller's own list: assigned to the caller, or to its organisation without a person (a finding's action: its owner organisation).",
})
@Policy(Capability.MY_WORK)
export class WorkItemDto {
  @Field(() => WorkItemKind) kind: WorkItemKind;
  @Field(() => ID) id: string;
  @Field() title: string;
  @Field(() => DateScalar) dueOn: string;
  @Field(() => DueWindow) due: DueWindow;
  @Field(() => CaseTaskStatus) status: CaseTaskStatus;
  @Field(() => ID) assignedOrganisationId: string;
  @Field(() => ID, { nullable: true }) assignedUserId: string | null;
  @Field(() => ID, { nullable: true, description: 'The case of a case task or meeting action.' }) caseId: string | null;
  @Field(() => ID, { nullable: true, description: "The safety walk or patrol that raised a finding's action." })
  activityId: string | null;
}

@ObjectType('WorkItemEdge')
@Policy(Capability.MY_WORK)
export class WorkItemEdge {
  @Field(() => WorkItemDto) node: WorkItemDto;
  @Field() cursor: string;
}

@ObjectType('WorkItemConnection')
@Policy(Capability.MY_WORK)
export class WorkItemConnection {
  @Field(() => [WorkItemEdge]) edges: WorkItemEdge[];
  @Field(() => PageInfo) pageInfo: PageInfo;
}
