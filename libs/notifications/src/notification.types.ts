/**
 * The notification port: what a service hands over (NewNotification), what a channel delivers
 * (OutgoingNotification) and the channels themselves. A service never talks to a gateway directly:
 * it enqueues in its own transaction and the dispatcher delivers, so alert or referral handling
 * never waits on, or fails with, a phone gateway or a webhook.
 */
export const RECIPIENT_KINDS = ['midwife', 'doctor', 'on-call', 'responder', 'hospital'] as const;
export type RecipientKind = (typeof RECIPIENT_KINDS)[number];

export const CHANNEL_NAMES = ['webhook', 'sms', 'whatsapp'] as const;
export type ChannelName = (typeof CHANNEL_NAMES)[number];

export const NOTIFICATION_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

/** One message to one recipient over one channel, as a service enqueues it. */
export interface NewNotification {
  recipientKind: RecipientKind;
  /** A user id, a responder id, a facility id, or a scope such as a health-center id for 'on-call'. */
  recipientId: string;
  channel: ChannelName;
  /** Webhook URL, or phone number (+62...) for SMS / WhatsApp. */
  address: string;
  /** What happened, e.g. 'alert.emergency', 'alert.escalated', 'escort.offered'. */
  kind: string;
  payload: Record<string, unknown>;
  /** Unique: enqueuing the same key again adds nothing (a redelivered event notifies once). */
  dedupKey: string;
}

/** A queued notification as a channel receives it, one attempt at a time. */
export interface OutgoingNotification {
  id: string;
  recipientKind: RecipientKind;
  recipientId: string;
  channel: ChannelName;
  address: string;
  kind: string;
  payload: Record<string, unknown>;
  dedupKey: string;
  /** 1 for the first try; receivers de-duplicate by `id` (a retry after a lost answer is the same message). */
  attempt: number;
  createdAt: string;
}

/** What a channel may report about an accepted message (kept in the delivery log). */
export interface DeliveryReceipt {
  statusCode?: number;
}

/** A way to reach people. Resolves when the recipient (or its gateway) accepted the message; throws otherwise. */
export interface NotificationChannel {
  readonly name: ChannelName;
  deliver(message: OutgoingNotification): Promise<void | DeliveryReceipt>;
}

/** Thrown by a channel when an attempt failed; `statusCode` when the far end answered. */
export class DeliveryError extends Error {
  override name = 'DeliveryError';
  constructor(
    message: string,
    readonly statusCode?: number,
  ) {
    super(message);
  }
}

/**
 * Room for the SMS and WhatsApp gateways (e.g. a local SMS aggregator, WhatsApp Business Cloud API).
 * An implementation wraps one of these in a NotificationChannel (see gatewayChannel) and passes it to
 * NotificationsModule.forService({ channels }). Only the webhook channel is implemented today.
 */
export interface SmsGateway {
  /** Sends a short text (≤ 160 GSM-7 characters per part) to an E.164 number. */
  sendSms(to: string, text: string, reference: string): Promise<void>;
}

export interface WhatsAppGateway {
  /** Sends an approved template message with its parameters to an E.164 number. */
  sendTemplate(to: string, template: string, parameters: string[], reference: string): Promise<void>;
}

/** Renders a notification as the short text an SMS or WhatsApp message carries. */
export type TextRenderer = (message: OutgoingNotification) => { text: string; template: string; parameters: string[] };

/** Adapts a gateway to the port. */
export function gatewayChannel(name: 'sms', gateway: SmsGateway, render: TextRenderer): NotificationChannel;
export function gatewayChannel(name: 'whatsapp', gateway: WhatsAppGateway, render: TextRenderer): NotificationChannel;
export function gatewayChannel(name: 'sms' | 'whatsapp', gateway: SmsGateway | WhatsAppGateway, render: TextRenderer): NotificationChannel {
  return {
    name,
    async deliver(message) {
      const rendered = render(message);
      if (name === 'sms') await (gateway as SmsGateway).sendSms(message.address, rendered.text, message.id);
      else await (gateway as WhatsAppGateway).sendTemplate(message.address, rendered.template, rendered.parameters, message.id);
    },
  };
}
