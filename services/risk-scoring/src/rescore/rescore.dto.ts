import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class RescoreRequestDto {
  @ApiPropertyOptional({ default: 200, maximum: 5000, description: 'Pregnancies per transaction' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5000)
  batchSize?: number;
}
