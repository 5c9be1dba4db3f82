import { ArrayMaxSize, MaxLength } from 'class-validator';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { EffectMeasure, TargetDirection } from '../effect.entities';

@InputType()
export class SurveyAnswerShareInput {
  @Field() @MaxLength(100) answer: string;
  @Field(() => Float, { description: '0 to 1.' }) share: number;
}

@InputType()
export class SurveyQuestionInput {
  @Field() @MaxLength(300) question: string;
  @Field(() => [SurveyAnswerShareInput]) @ArrayMaxSize(10) answers: SurveyAnswerShareInput[];
}

@InputType()
export class RecordSafetySurveyInput {
  @Field(() => ID) partnershipId: string;
  @Field(() => ID) areaId: string;
  @Field(() => Int) year: number;
  @Field(() => Int) respondents: number;
  @Field(() => [SurveyQuestionInput]) @ArrayMaxSize(50) questions: SurveyQuestionInput[];
}

@InputType()
export class CommitmentTargetInput {
  @Field(() => ID) commitmentId: string;
  @Field({ description: 'The expected effect in words; a target of the same description is replaced.' })
  @MaxLength(300)
  description: string;
  @Field(() => EffectMeasure) measure: EffectMeasure;
  @Field(() => String, { nullable: true }) surveyQuestion?: string | null;
  @Field(() => String, { nullable: true }) surveyAnswer?: string | null;
  @Field(() => Float) targetValue: number;
  @Field(() => TargetDirection) direction: TargetDirection;
}
