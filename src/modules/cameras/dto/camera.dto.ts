import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Capability } from '../../../access/policy';
import { DateScalar } from '../../../graphql/date.scalar';
import { Policy } from '../../../graphql/policy.decorator';
import { FootageRequestStatus, FootageRequestStep } from '../camera.entities';
import { CameraStatus, PermitStatus } from '../camera-operation';

registerEnumType(CameraStatus, {
  name: 'CameraStatus',
  description:
    'IN_OPERATION; OUT_OF_ORDER: an outage covers today; NOT_STARTED: operation begins later; DECOMMISSIONED: taken down.',
});
registerEnumType(PermitStatus, {
  name: 'CameraPermitStatus',
  description:
    'VALID; EXPIRES_SOON: ends within 90 days; EXPIRED: the camera may not film until a new permit is decided; NOT_YET_VALID.',
});
registerEnumType(FootageRequestStatus, { name: 'FootageRequestStatus' });
registerEnumType(FootageRequestStep, { name: 'FootageRequestStep' });

@ObjectType('CameraOutage', { description: 'A period when the camera was out of order (both days included).' })
@Policy(Capability.CAMERA_READ)
export class CameraOutageDto {
  @Field(() => ID) id: string;
  @Field(() => DateScalar) startedOn: string;
  @Field(() => DateScalar, { nullable: true, description: 'Null while the outage lasts.' }) endedOn: string | null;
  @Field() note: string;
}

@ObjectType('CameraPermit', { description: 'The permit for camera surveillance of the place.' })
@Policy(Capability.CAMERA_READ)
export class CameraPermitDto {
  @Field({ description: "The decision's reference (diarienummer)." }) reference: string;
  @Field(() => DateScalar) decidedOn: string;
  @Field(() => DateScalar) validUntil: string;
  @Field() conditions: string;
  @Field(() => PermitStatus) status: PermitStatus;
}

@ObjectType('Camera', {
  description:
    "A camera at a place, run by the municipality's safety function under a permit. Samverkan holds no footage.",
})
@Policy(Capability.CAMERA_READ)
export class CameraDto {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field({ description: 'What the camera covers.' }) coverage: string;
  @Field(() => Int, { description: 'Days footage is kept before it is erased.' }) retentionDays: number;
  @Field(() => DateScalar) operatingSince: string;
  @Field(() => DateScalar, { nullable: true }) decommissionedOn: string | null;
  @Field(() => CameraStatus) status: CameraStatus;
  @Field(() => CameraPermitDto) permit: CameraPermitDto;
  @Field(() => [CameraOutageDto], { description: 'Newest first.' }) outages: CameraOutageDto[];
  organisationId: string;
  placeId: string;
  commitmentId: string | null;
}

@ObjectType('FootageRequestEvent', { description: 'One step of a footage request.' })
@Policy(Capability.FOOTAGE_READ)
export class FootageRequestEventDto {
  @Field(() => FootageRequestStep) step: FootageRequestStep;
  @Field(() => FootageRequestStatus) status: FootageRequestStatus;
  @Field() at: Date;
  @Field(() => String, { nullable: true }) note: string | null;
  actorOrganisationId: string;
}

@ObjectType('FootageRequest', { description: 'A request for footage from a camera, and the decision on it.' })
@Policy(Capability.FOOTAGE_READ)
export class FootageRequestDto {
  @Field(() => ID) id: string;
  @Field(() => ID) cameraId: string;
  @Field() cameraName: string;
  @Field() windowStart: Date;
  @Field() windowEnd: Date;
  @Field() reason: string;
  @Field(() => String, { nullable: true, description: "The requesting organisation's own incident number." })
  incidentNumber: string | null;
  @Field(() => ID, { nullable: true, description: 'A case of the requesting organisation; shown to it only.' })
  caseId: string | null;
  @Field(() => FootageRequestStatus) status: FootageRequestStatus;
  @Field() requestedAt: Date;
  @Field(() => Date, { nullable: true }) decidedAt: Date | null;
  @Field(() => String, { nullable: true, description: 'Why refused, or what was handed over in part.' })
  decisionNote: string | null;
  @Field({ description: 'An outage covered a day of the window: footage may be missing.' })
  outOfOrderDuringWindow: boolean;
  @Field(() => [FootageRequestEventDto], { description: 'Oldest first.' }) history: FootageRequestEventDto[];
  ownerOrganisationId: string;
  requestingOrganisationId: string;
}

@ObjectType('CameraFollowUp', { description: 'One camera of a commitment in the yearly follow-up.' })
@Policy(Capability.ACTIVITY_READ)
export class CameraFollowUpDto {
  @Field(() => ID) cameraId: string;
  @Field() name: string;
  @Field(() => Int, { description: 'Days in operation in the year up to today, outages excluded.' })
  daysInOperation: number;
  @Field(() => Int) footageRequestsReceived: number;
  @Field(() => Int, { description: 'Wholly or partly handed over.' }) footageRequestsHandedOver: number;
  @Field(() => DateScalar) permitValidUntil: string;
  @Field(() => PermitStatus) permitStatus: PermitStatus;
  placeId: string;
  organisationId: string;
}
