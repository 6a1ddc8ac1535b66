import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { IsNestedObject } from '../rules/nested-object';
import { IsRfc3339DateTime } from '../date-formats';

/**
 * "Who looked at her record?" across the system: each service's access audit records that name a pregnancy
 * also go out as events (topic `<service>Access`, subject = pregnancy id), and registration keeps them all.
 * Who, in what role and scope, did what, to which pregnancy, allowed or not, in which request, when: no
 * clinical data, no NIK, no contact detail.
 */

export const ACCESS_OUTCOMES = ['allowed', 'denied'] as const;
export type AccessOutcomeV1 = (typeof ACCESS_OUTCOMES)[number];

/** The places the caller's token limited them to (the scope checked), as the token stated them. */
export class AccessScopeV1 {
  @IsOptional() @IsString() @Length(1, 100) healthCenterId?: string | null;
  @IsArray() @ArrayMaxSize(500) @IsString({ each: true }) @Length(1, 20, { each: true }) villageCodes!: string[];
  @IsOptional() @IsString() @Length(1, 100) facilityId?: string | null;
  @IsOptional() @IsString() @Length(1, 100) responderId?: string | null;
}

export class AccessRecordedV1 {
  /** The service that served the request, e.g. "alerts". */
  @IsString() @Length(1, 60) service!: string;
  @IsRfc3339DateTime() at!: string;
  @IsString() @Length(1, 200) userId!: string;
  @IsString() @Length(1, 40) role!: string;
  @IsNestedObject(() => AccessScopeV1) scope!: AccessScopeV1;
  /** What was done, e.g. "alert.read", "referral.answer", "GET /referrals/:id". */
  @IsString() @Length(1, 200) action!: string;
  @IsUUID() pregnancyId!: string;
  /** What else the request named (e.g. "/referrals/<id>"), when not only the pregnancy. */
  @IsOptional() @IsString() @Length(1, 300) resource?: string | null;
  @IsIn(ACCESS_OUTCOMES) outcome!: AccessOutcomeV1;
  @IsOptional() @IsString() @Length(1, 300) reason?: string | null;
  @IsString() @Length(1, 200) requestId!: string;
}
