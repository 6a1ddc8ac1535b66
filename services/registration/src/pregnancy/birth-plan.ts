import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Length } from 'class-validator';

/** P4K birth plan, the sticker on the woman's house (domain reference, section 4). */
export class BirthPlan {
  @ApiProperty({ example: 'RSUD Blambangan' }) @IsString() @Length(1, 200) place!: string;
  @ApiProperty({ example: 'bidan' }) @IsString() @Length(1, 200) attendant!: string;
  @ApiProperty({ required: false }) @IsOptional() @IsString() @Length(1, 200) companion?: string;
  @ApiProperty({ required: false, example: 'ambulans desa' }) @IsOptional() @IsString() @Length(1, 200) transport?: string;
  /** At least 4 candidates are recommended; fewer is allowed and shown as incomplete. */
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  bloodDonors!: string[];
}
