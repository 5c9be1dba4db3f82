import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { CaseAccessVia } from '../../../access/case-access';
import { CaseContentAudience } from '../../../access/case-content';
import { Capability } from '../../../access/policy';
import { PageInfo } from '../../../graphql/connection.types';
import { DateScalar } from '../../../graphql/date.scalar';
import { Policy } from '../../../graphql/policy.decorator';
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

registerEnumType(CaseRiskLevel, { name: 'CaseRiskLevel' });
registerEnumType(CaseStatus, { name: 'CaseStatus' });
registerEnumType(CaseTaskStatus, { name: 'CaseTaskStatus' });
registerEnumType(LegalBasisKind, { name: 'LegalBasisKind' });
registerEnumType(StatutoryGround, {
  name: 'StatutoryGround',
  description:
    'OSL_10_18C: OSL 10 kap. 18 c §; OSL_10_2: OSL 10 kap. 2 §; OSL_10_21: OSL 10 kap. 21 §; DUTY_TO_REPORT_CHILD_CONCERN: the duty to report concern about a child (SoL 2001:453 14 kap. 1 § until 30 June 2025, the Social Services Act 2025:400 since). Each share cites the catalogue version it was made under (legalGrounds, Case.legalBases.ground).',
});
registerEnumType(ConsentScope, { name: 'ConsentScope' });
registerEnumType(RiskAssessmentMethod, {
  name: 'RiskAssessmentMethod',
  description: 'FREDA farlighetsbedömning, SARA:SV, PATRIARK, or another method.',
});
registerEnumType(BreakGlassReason, { name: 'BreakGlassReason' });
registerEnumType(CaseContentAudience, {
  name: 'CaseContentAudience',
  description:
    'OWN_ORGANISATION: only the organisation that wrote it; SHARED: also the other end of each active share of the author organisation whose legal basis covers the category (never another partner).',
});
registerEnumType(CaseAccessVia, {
  name: 'CaseAccessVia',
  description:
    'MEMBER: a member of the owner organisation; PARTNER: a member of a partner organisation under an active legal basis; BREAK_GLASS: read only, audited.',
});

@ObjectType('Case', { description: 'A case coordinated between organisations. It holds no name or identity number.' })
@Policy(Capability.CASE_READ)
export class CaseDto {
  @Field(() => ID) id: string;
  @Field(() => CaseRiskLevel) riskLevel: CaseRiskLevel;
  @Field(() => CaseStatus) status: CaseStatus;
  @Field() openedAt: Date;
  @Field(() => Date, { nullable: true }) closedAt: Date | null;
  @Field(() => CaseAccessVia, { description: 'How the caller reaches this case.' }) access: CaseAccessVia;
  ownerOrganisationId: string;
}

@ObjectType('CaseEdge')
@Policy(Capability.CASE_READ)
export class CaseEdge {
  @Field(() => CaseDto) node: CaseDto;
  @Field() cursor: string;
}

@ObjectType('CaseConnection')
@Policy(Capability.CASE_READ)
export class CaseConnection {
  @Field(() => [CaseEdge]) edges: CaseEdge[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  /** Counted only when asked for. */
  count: () => Promise<number>;

  @Field(() => Int, { description: 'Cases matching the filter that the caller may see, all pages together.' })
  totalCount(): Promise<number> {
    return this.count();
  }
}

@ObjectType('CaseMember', { description: 'A user who works the case.' })
@Policy(Capability.CASE_READ)
export class CaseMemberDto {
  @Field(() => ID) userId: string;
  @Field() displayName: string;
  @Field(() => ID) organisationId: string;
  @Field() addedAt: Date;
}

@ObjectType('CaseLegalBasis', {
  description: 'Sharing of a case with another organisation, on one recorded legal basis.',
})
@Policy(Capability.CASE_READ)
export class CaseLegalBasisDto {
  @Field(() => ID) id: string;
  @Field(() => ID) caseId: string;
  @Field(() => ID, { description: 'The organisation the case is shared with.' }) organisationId: string;
  @Field(() => LegalBasisKind) kind: LegalBasisKind;
  @Field(() => StatutoryGround, { nullable: true }) statutoryGround: StatutoryGround | null;
  @Field(() => ConsentScope, { nullable: true }) consentScope: ConsentScope | null;
  @Field(() => DateScalar, { nullable: true }) consentGivenOn: string | null;
  @Field(() => Date, { nullable: true }) consentExpiresAt: Date | null;
  @Field(() => Date, { nullable: true }) consentWithdrawnAt: Date | null;
  @Field(() => Date, { nullable: true }) revokedAt: Date | null;
  @Field({
    description:
      'Whether the partner has access now (not revoked; statutory, or a consent neither withdrawn nor expired).',
  })
  active: boolean;
  @Field(() => String, {
    nullable: true,
    description: 'How the receiving organisation reaches the sender (a function, never a person).',
  })
  contactFunction: string | null;
  @Field(() => ID, { nullable: true, description: "The receiving organisation's case worker who took the share." })
  acceptedBy: string | null;
  @Field(() => Date, { nullable: true }) acceptedAt: Date | null;
  @Field() createdAt: Date;
}

@ObjectType('CaseTask')
@Policy(Capability.CASE_READ)
export class CaseTaskDto {
  @Field(() => ID) id: string;
  @Field(() => ID) caseId: string;
  @Field() title: string;
  @Field(() => ID) assignedOrganisationId: string;
  @Field(() => ID, { nullable: true }) assignedUserId: string | null;
  @Field(() => DateScalar) dueOn: string;
  @Field(() => CaseTaskStatus) status: CaseTaskStatus;
  @Field(() => CaseContentAudience) audience: CaseContentAudience;
  @Field(() => ID) authorOrganisationId: string;
  @Field() createdAt: Date;
}

@ObjectType('CaseMeeting')
@Policy(Capability.CASE_READ)
export class CaseMeetingDto {
  @Field(() => ID) id: string;
  @Field(() => DateScalar) heldOn: string;
  @Field(() => [ID]) participantOrganisationIds: string[];
  @Field() decisions: string;
  @Field(() => CaseContentAudience) audience: CaseContentAudience;
  @Field(() => ID) authorOrganisationId: string;
  @Field() createdAt: Date;
}

@ObjectType('CaseNote', { description: 'Free text: never written to the audit log or the case history.' })
@Policy(Capability.CASE_READ)
export class CaseNoteDto {
  @Field(() => ID) id: string;
  @Field() text: string;
  @Field(() => CaseContentAudience) audience: CaseContentAudience;
  @Field(() => ID) authorId: string;
  @Field(() => ID) authorOrganisationId: string;
  @Field() createdAt: Date;
}

@ObjectType('RiskAssessment')
@Policy(Capability.CASE_READ)
export class RiskAssessmentDto {
  @Field(() => ID) id: string;
  @Field(() => RiskAssessmentMethod) method: RiskAssessmentMethod;
  @Field(() => DateScalar) assessedOn: string;
  @Field(() => CaseRiskLevel) level: CaseRiskLevel;
  @Field(() => ID) assessorId: string;
  @Field(() => ID) assessorOrganisationId: string;
  @Field(() => CaseContentAudience) audience: CaseContentAudience;
  @Field() createdAt: Date;
}

@ObjectType('CaseHistoryEntry', {
  description: 'One change of a case: who, when, what field. Free text is never shown, only that it changed.',
})
@Policy(Capability.CASE_READ)
export class CaseHistoryEntryDto {
  @Field(() => ID) id: string;
  @Field() occurredAt: Date;
  @Field(() => ID) actorUserId: string;
  @Field(() => ID) actorOrganisationId: string;
  @Field() entityType: string;
  @Field(() => ID) entityId: string;
  @Field() action: string;
  @Field(() => String, { nullable: true }) field: string | null;
  @Field(() => String, { nullable: true }) oldValue: string | null;
  @Field(() => String, { nullable: true }) newValue: string | null;
}

@ObjectType('BreakGlassAccess', {
  description: 'A break-the-glass access to a case: read only, at most 4 hours, reviewed by an auditor afterwards.',
})
@Policy(Capability.CASE_BREAK_GLASS)
export class BreakGlassAccessDto {
  @Field(() => ID) id: string;
  @Field(() => ID) caseId: string;
  @Field(() => ID) userId: string;
  @Field(() => BreakGlassReason) reasonCode: BreakGlassReason;
  @Field() reasonText: string;
  @Field() openedAt: Date;
  @Field() expiresAt: Date;
  @Field() active: boolean;
  @Field(() => ID, { nullable: true }) reviewedBy: string | null;
  @Field(() => Date, { nullable: true }) reviewedAt: Date | null;
  @Field(() => String, { nullable: true }) reviewComment: string | null;
  @Field(() => Date, { nullable: true, description: 'A reviewer ended the access before it expired.' })
  endedAt: Date | null;
}

@ObjectType('IncomingCaseShare', {
  description:
    "A share addressed to the caller's organisation: only what its case workers need to decide whether to take it (no content).",
})
@Policy(Capability.CASE_READ)
export class IncomingCaseShareDto {
  @Field(() => ID) legalBasisId: string;
  @Field(() => ID) caseId: string;
  @Field(() => CaseRiskLevel) riskLevel: CaseRiskLevel;
  @Field(() => CaseLegalBasisDto, { description: 'The legal basis the case is shared on.' })
  legalBasis: CaseLegalBasisDto;
  /** Resolved by the case resolver. */
  senderOrganisationId: string;
  @Field(() => String, { nullable: true }) contactFunction: string | null;
  @Field() sharedAt: Date;
  @Field(() => Date, {
    nullable: true,
    description: 'When a case worker of your organisation took it (null: nobody yet).',
  })
  acceptedAt: Date | null;
}
