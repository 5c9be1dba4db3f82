import { NoInvisibleFormatting } from '../../../shared/plain-text';
import { ArrayMaxSize, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { CaseContentAudience } from '../../../access/case-content';
import { DateScalar } from '../../../graphql/date.scalar';
import {
  BreakGlassReason,
  CaseRiskLevel,
  CaseStatus,
  CaseTaskStatus,
  ConsentScope,
  LegalBasisKind,
  RiskAssessmentMethod,
  StatutoryGround,
} from '../case.entities';

@InputType()
export class CaseFilter {
  @Field(() => [CaseStatus], { nullable: true }) @IsOptional() @ArrayMaxSize(2) statuses?: CaseStatus[];
  @Field(() => [CaseRiskLevel], { nullable: true }) @IsOptional() @ArrayMaxSize(4) riskLevels?: CaseRiskLevel[];
  // The search (issue #22; conditions in case-search.sql.ts): it only narrows what the caller may see.
  @Field(() => String, {
    nullable: true,
    description:
      "The caller's organisation's own reference, exactly (ignoring case). Another organisation's reference never matches.",
  })
  @IsOptional()
  @MaxLength(100)
  reference?: string;
  @Field(() => String, {
    nullable: true,
    description: "The start of the caller's organisation's own reference (ignoring case), e.g. `SOC-2026-`.",
  })
  @IsOptional()
  @MaxLength(100)
  referencePrefix?: string;
  @Field(() => ID, {
    nullable: true,
    description:
      "Cases this person is a member of (the responsible case worker), as far as the caller sees the case's members.",
  })
  @IsOptional()
  @IsUUID('all', { message: 'responsibleUserId must be a UUID' })
  responsibleUserId?: string;
}

@InputType()
export class CreateCaseInput {
  @Field(() => CaseRiskLevel) riskLevel: CaseRiskLevel;
  @Field(() => String, {
    nullable: true,
    description: "The caller's organisation's own case or report number; only its members of the case see it.",
  })
  @IsOptional()
  @MaxLength(100)
  externalReference?: string | null;
}

@InputType()
export class UpdateCaseInput {
  // @IsOptional registers the class with class-validator (which refuses unknown classes); the service checks the values.
  @Field(() => CaseRiskLevel, { nullable: true }) @IsOptional() riskLevel?: CaseRiskLevel | null;
  @Field(() => CaseStatus, { nullable: true, description: 'CLOSED records the closing time; OPEN reopens.' })
  @IsOptional()
  status?: CaseStatus | null;
}

@InputType()
export class LegalBasisInput {
  // Checked by the service (which names the field); @IsOptional registers the class with class-validator.
  @Field(() => LegalBasisKind) @IsOptional() kind: LegalBasisKind;
  @Field(() => StatutoryGround, { nullable: true, description: 'STATUTORY only.' })
  @IsOptional()
  statutoryGround?: StatutoryGround | null;
  @Field(() => ConsentScope, { nullable: true, description: 'CONSENT only.' }) consentScope?: ConsentScope | null;
  @Field(() => DateScalar, {
    nullable: true,
    description: 'CONSENT only: the day consent was given (not in the future).',
  })
  consentGivenOn?: Date | null;
  @Field(() => Date, {
    nullable: true,
    description: 'CONSENT only: when it expires (at most 366 days after it was given).',
  })
  consentExpiresAt?: Date | null;
}

@InputType()
export class ShareCaseInput {
  @Field(() => ID) @IsString() caseId: string;
  @Field(() => ID, { description: 'An organisation of a partnership the owner organisation is in.' })
  organisationId: string;
  @Field(() => LegalBasisInput) @ValidateNested() legalBasis: LegalBasisInput;
  @Field(() => String, {
    nullable: true,
    description:
      'How the receiving organisation reaches you: a function such as "Mottagningen", never a person (at most 100 characters).',
  })
  @IsOptional()
  @MaxLength(100)
  contactFunction?: string | null;
}

@InputType()
export class CreateCaseTaskInput {
  @Field(() => ID) caseId: string;
  @Field() @MaxLength(200) @NoInvisibleFormatting() title: string;
  @Field(() => ID) assignedOrganisationId: string;
  @Field(() => ID, { nullable: true }) assignedUserId?: string | null;
  @Field(() => DateScalar) dueOn: Date;
  @Field(() => CaseContentAudience, {
    nullable: true,
    description: 'Default: SHARED when assigned to another organisation, else OWN_ORGANISATION.',
  })
  audience?: CaseContentAudience | null;
}

@InputType()
export class UpdateCaseTaskInput {
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(200) @NoInvisibleFormatting() title?: string | null;
  @Field(() => ID, { nullable: true }) assignedOrganisationId?: string | null;
  @Field(() => ID, { nullable: true, description: 'null unassigns the user.' }) assignedUserId?: string | null;
  @Field(() => DateScalar, { nullable: true }) dueOn?: Date | null;
  @Field(() => CaseTaskStatus, { nullable: true }) status?: CaseTaskStatus | null;
}

@InputType()
export class RecordCaseMeetingInput {
  @Field(() => ID) caseId: string;
  @Field(() => DateScalar) heldOn: Date;
  @Field(() => [ID]) @ArrayMaxSize(10) participantOrganisationIds: string[];
  @Field() @MaxLength(4000) decisions: string;
  @Field(() => CaseContentAudience, { nullable: true, description: 'Default OWN_ORGANISATION.' })
  audience?: CaseContentAudience | null;
}

@InputType()
export class AddCaseNoteInput {
  @Field(() => ID) caseId: string;
  @Field() @MaxLength(4000) text: string;
  @Field(() => CaseContentAudience, { nullable: true, description: 'Default OWN_ORGANISATION.' })
  audience?: CaseContentAudience | null;
}

@InputType()
export class RecordRiskAssessmentInput {
  @Field(() => ID) @IsString() caseId: string;
  @Field(() => RiskAssessmentMethod) method: RiskAssessmentMethod;
  @Field(() => DateScalar, { description: 'Not in the future, at most 90 days ago.' }) assessedOn: Date;
  @Field(() => CaseRiskLevel) level: CaseRiskLevel;
  @Field(() => CaseContentAudience, { nullable: true, description: 'Default OWN_ORGANISATION.' })
  audience?: CaseContentAudience | null;
}

@InputType()
export class BreakGlassInput {
  @Field(() => ID) caseId: string;
  @Field(() => BreakGlassReason) reasonCode: BreakGlassReason;
  @Field({ description: 'Why, in a sentence (at most 500 characters; no names).' }) @MaxLength(500) reasonText: string;
  @Field(() => Int, { nullable: true, description: 'Minutes, 1 to 240 (default 240).' }) minutes?: number | null;
}
