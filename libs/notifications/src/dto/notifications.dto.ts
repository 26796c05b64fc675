import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '@gv/core';
import { NotificationStatus } from '../entities/notification.entity';
import { OPTIONAL_EVENTS } from '../notification-events';

const OPTIONAL = [...OPTIONAL_EVENTS] as string[];

export class AdminNotificationQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['failed', 'pending', 'sending'] })
  @IsOptional()
  @IsIn(['failed', 'pending', 'sending'])
  status?: NotificationStatus;
}

export class InboxQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'only unread' })
  @IsOptional()
  @Transform(({ value }) =>
    value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value,
  )
  @IsBoolean()
  unread?: boolean;
}

export class EmailPreferencesDto {
  @ApiProperty({
    description: 'Optional events whose emails are switched off',
    enum: OPTIONAL,
    isArray: true,
  })
  @IsArray()
  @ArrayMaxSize(50)
  @IsIn(OPTIONAL, { each: true })
  emailOff!: string[];
}
