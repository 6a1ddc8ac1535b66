import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { isIndonesianPhone, phoneFormatProblem } from '@siaga/contracts';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import {
  CHANNEL_NAMES,
  NOTIFICATION_STATUSES,
  RECIPIENT_KINDS,
  type ChannelName,
  type NotificationStatus,
  type RecipientKind,
} from './notification.types';

export class RecipientEndpointParams {
  @ApiProperty({ enum: RECIPIENT_KINDS }) @IsIn(RECIPIENT_KINDS) recipientKind!: RecipientKind;
  @ApiProperty({ description: "User, responder or facility id; for 'on-call': a health-center id or 'district'" })
  @IsString()
  @Length(1, 100)
  @Matches(/^[A-Za-z0-9._:-]+$/, { message: 'recipientId may hold letters, digits and . _ : - only' })
  recipientId!: string;
  @ApiProperty({ enum: CHANNEL_NAMES }) @IsIn(CHANNEL_NAMES) channel!: ChannelName;
}

export class RecipientEndpointBody {
  @ApiProperty({ description: 'https URL for webhook, +62… phone number for sms / whatsapp', example: 'https://gateway.example/siaga' })
  @IsString()
  @Length(1, 2000)
  address!: string;
}

export class RecipientEndpointQuery {
  @ApiPropertyOptional({ enum: RECIPIENT_KINDS }) @IsOptional() @IsIn(RECIPIENT_KINDS) recipientKind?: RecipientKind;
}

export class NotificationQuery {
  @ApiPropertyOptional({ enum: NOTIFICATION_STATUSES }) @IsOptional() @IsIn(NOTIFICATION_STATUSES) status?: NotificationStatus;
}

/** A webhook is an http(s) URL; an SMS / WhatsApp address an Indonesian number in international form. Null when fine, else why not. */
export function addressProblem(channel: ChannelName, address: string): string | null {
  if (channel === 'webhook') {
    try {
      const url = new URL(address);
      return url.protocol === 'https:' || url.protocol === 'http:' ? null : 'must be an http(s) URL';
    } catch {
      return 'must be an http(s) URL';
    }
  }
  return isIndonesianPhone(address, { international: true }) ? null : phoneFormatProblem({ international: true });
}
