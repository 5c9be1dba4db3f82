import { NoInvisibleFormatting } from '../../../shared/plain-text';
import { ArrayMaxSize, ArrayMinSize, IsEmail, IsOptional, IsUUID, Length, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { Role } from '../identity.enums';

@InputType()
export class CreateUserInput {
  @Field() @IsEmail({}, { message: 'email must be a valid email address' }) @MaxLength(320) email: string;
  @Field() @Length(1, 200) @NoInvisibleFormatting() displayName: string;
  @Field({ description: 'At least 12 characters, not a common password.' }) @Length(12, 256) password: string;
  @Field(() => [Role]) @ArrayMinSize(1) @ArrayMaxSize(5) roles: Role[];
}

@InputType()
export class SetUserRolesInput {
  @Field(() => ID) @IsUUID('all', { message: 'userId must be a UUID' }) userId: string;
  @Field(() => [Role]) @ArrayMinSize(1) @ArrayMaxSize(5) roles: Role[];
}

@InputType()
export class UserFilter {
  @Field(() => String, { nullable: true, description: 'Part of the email or display name, case-insensitive.' })
  @IsOptional()
  @MaxLength(200)
  search?: string | null;
  @Field(() => Boolean, {
    nullable: true,
    description: 'true: only disabled users; false: only enabled ones; absent: both.',
  })
  disabled?: boolean | null;
}
