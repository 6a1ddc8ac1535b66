import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsCalendarDate, RISK_CATEGORIES, type RiskCategory } from '@siaga/contracts';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export const CASELOAD_SORTS = ['hpl', 'nextVisitDue', 'registeredAt'] as const;
export type CaseloadSort = (typeof CASELOAD_SORTS)[number];

export class CaseloadQueryDto {
  @ApiPropertyOptional({ example: '35.10.20.2001' })
  @IsOptional()
  @Matches(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/, { message: 'village must look like 35.10.20.2001' })
  village?: string;

  @ApiPropertyOptional({ enum: RISK_CATEGORIES }) @IsOptional() @IsIn(RISK_CATEGORIES) category?: RiskCategory;

  @ApiPropertyOptional({ description: 'Due date (HPL) from, inclusive' }) @IsOptional() @IsCalendarDate() dueFrom?: string;
  @ApiPropertyOptional({ description: 'Due date (HPL) to, inclusive' }) @IsOptional() @IsCalendarDate() dueTo?: string;

  @ApiPropertyOptional({ description: 'Only women whose next scheduled contact has passed' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({ enum: ['active', 'closed'], default: 'active' }) @IsOptional() @IsIn(['active', 'closed']) status?:
    'active' | 'closed';

  @ApiPropertyOptional({ enum: CASELOAD_SORTS, default: 'hpl' }) @IsOptional() @IsIn(CASELOAD_SORTS) sort?: CaseloadSort;

  @ApiPropertyOptional({ default: 50, maximum: 200 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;

  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page' }) @IsOptional() @IsString() @MaxLength(300) cursor?: string;
}
