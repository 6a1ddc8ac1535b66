import { ProblemException } from '@siaga/http';

export enum NotificationsErrorCode {
  InvalidAddress = 'notification-address-invalid',
}

const STATUS: Record<NotificationsErrorCode, number> = {
  [NotificationsErrorCode.InvalidAddress]: 400,
};

export class NotificationsException extends ProblemException {
  constructor(code: NotificationsErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(STATUS[code], code, message, extensions);
  }

  static invalidAddress(message: string): NotificationsException {
    return new NotificationsException(NotificationsErrorCode.InvalidAddress, `address: ${message}`, {
      errors: [{ field: 'address', message }],
    });
  }
}
