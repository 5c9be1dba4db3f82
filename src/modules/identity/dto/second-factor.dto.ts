import { Field, Int, ObjectType } from 'type-graphql';
import { Capability } from '../../../access/policy';
import { Policy } from '../../../graphql/policy.decorator';
import { SessionDto } from './identity.dto';

@ObjectType('SecondFactorEnrolment', {
  description: 'A new TOTP secret (RFC 6238: SHA-1, 6 digits, 30 s). Shown once: add it to an authenticator app.',
})
@Policy(Capability.PUBLIC)
export class SecondFactorEnrolmentDto {
  @Field({ description: 'otpauth://totp/… (show as a QR code).' }) otpauthUri: string;
  @Field({ description: 'The same secret in base32, for typing in by hand.' }) secret: string;
}

@ObjectType('SecondFactorConfirmation')
@Policy(Capability.PUBLIC)
export class SecondFactorConfirmationDto {
  @Field(() => [String], { description: 'Ten single-use recovery codes. Shown once: store them safely.' })
  recoveryCodes: string[];
  @Field(() => SessionDto, {
    nullable: true,
    description: 'The session, when the enrolment completed a login (a challenge was given).',
  })
  session: SessionDto | null;
}

@ObjectType('SecondFactorStatus')
@Policy(Capability.SESSION_SELF)
export class SecondFactorStatusDto {
  @Field() enrolled: boolean;
  @Field({ description: 'Whether this account must hold one (production: local ADMIN and AUDITOR accounts).' })
  required: boolean;
  @Field(() => Int) recoveryCodesLeft: number;
}
