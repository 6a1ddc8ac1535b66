import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReplayToRouteRoles } from '@siaga/http';
import { Roles } from '@siaga/auth';
import { PreviewAssessmentDto } from './preview.dto';
import { PreviewService, type PreviewView } from './preview.service';

@ApiTags('assessments')
@ApiBearerAuth()
@Controller('assessments')
export class PreviewController {
  constructor(private readonly previews: PreviewService) {}

  /** Training and what-if: no pregnancy is named, so there is no scope to check and nothing to audit. */
  @Post('preview')
  @ReplayToRouteRoles()
  @HttpCode(200)
  @Roles('midwife', 'doctor', 'district')
  @ApiOperation({ summary: 'Score a posted set of facts without storing anything (training, what-if)' })
  preview(@Body() dto: PreviewAssessmentDto): PreviewView {
    return this.previews.preview(dto);
  }
}
