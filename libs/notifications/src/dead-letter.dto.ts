import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import type { DeadLetterStatus } from '@siaga/messaging';

export class DeadLetterQuery {
  @ApiPropertyOptional({ enum: ['open', 'resolved'], default: 'open' })
  @IsOptional()
  @IsIn(['open', 'resolved'])
  status?: DeadLetterStatus;
}

export class ResolveDeadLetterBody {
  @ApiProperty({ description: 'What was done, e.g. "visit re-entered with date 2026-04-10; assessed"' })
  @IsString()
  @Length(1, 1000)
  resolution!: string;
}
