import { MaxLength } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { DateScalar } from '../../../graphql/date.scalar';

@InputType()
export class RecordDetectionInput {
  @Field() @MaxLength(100) indicatorCode: string;
  @Field(() => ID) areaId: string;
  @Field(() => DateScalar, { description: 'YYYY-MM-DD, not in the future.' }) occurredOn: Date;
  @Field(() => Int, { description: '1 to 10000.' }) count: number;
}
