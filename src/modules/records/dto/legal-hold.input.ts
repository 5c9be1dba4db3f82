import { IsUUID } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { LegalHoldReason } from '../../cases/case.entities';

@InputType()
export class SetCaseLegalHoldInput {
  @Field(() => ID) @IsUUID() caseId: string;
  @Field({ description: 'true places the hold, false lifts it.' }) hold: boolean;
  @Field(() => LegalHoldReason, {
    description: 'Why the hold is placed, or (lifting) which ground for it has ended.',
  })
  reasonCode: LegalHoldReason;
}
