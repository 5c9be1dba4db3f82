import { IsOptional } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { CaseTaskStatus } from '../../cases/case.entities';
import { DueWindow } from '../work-item.repository';

@InputType()
export class MyTasksFilter {
  @Field(() => CaseTaskStatus, { nullable: true, description: 'Default: OPEN and IN_PROGRESS.' })
  @IsOptional()
  status?: CaseTaskStatus;
  @Field(() => DueWindow, { nullable: true }) @IsOptional() due?: DueWindow;
}
