import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Capability } from '../../../access/policy';
import { Policy } from '../../../graphql/policy.decorator';
import { LegalHoldReason } from '../../cases/case.entities';

registerEnumType(LegalHoldReason, {
  name: 'LegalHoldReason',
  description:
    'Why a case is kept whatever its age: LITIGATION (a court or administrative case), PUBLIC_ACCESS_REQUEST (a request for the documents is being handled), SUPERVISORY_REVIEW (IVO, JO, IMY), CRIMINAL_INVESTIGATION, OTHER. A code: it is written to the audit log.',
});

@ObjectType('CaseLegalHold', {
  description: 'A legal hold on a case: retention keeps the case and its shares while it lasts (docs/records.md).',
})
@Policy(Capability.CASE_READ)
export class CaseLegalHoldDto {
  @Field(() => LegalHoldReason) reasonCode: LegalHoldReason;
  @Field({ description: 'When the hold was placed.' }) since: Date;
}
