import { DeliveryError, type DeliveryReceipt, type NotificationChannel, type OutgoingNotification } from './notification.types';
import { SIGNATURE_HEADER, signatureHeader } from './webhook-signature';

export interface WebhookChannelOptions {
  secret?: string;
  timeoutMs: number;
}

/** The JSON a webhook receiver gets. */
export interface WebhookBody {
  id: string;
  kind: string;
  recipient: { kind: string; id: string };
  payload: Record<string, unknown>;
  createdAt: string;
  attempt: number;
}

/**
 * POSTs the notification as JSON to the recipient's URL, signed (x-siaga-signature: t=<unix>,v1=<hex>,
 * HMAC-SHA256 over `${t}.${body}`). A 2xx answer within the timeout is a delivery; anything else a failure.
 */
export class WebhookChannel implements NotificationChannel {
  readonly name = 'webhook' as const;

  constructor(
    private readonly options: WebhookChannelOptions,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async deliver(message: OutgoingNotification): Promise<DeliveryReceipt> {
    if (!this.options.secret) throw new DeliveryError('NOTIFY_WEBHOOK_SECRET is not set: webhooks cannot be signed');
    const body: WebhookBody = {
      id: message.id,
      kind: message.kind,
      recipient: { kind: message.recipientKind, id: message.recipientId },
      payload: message.payload,
      createdAt: message.createdAt,
      attempt: message.attempt,
    };
    const json = JSON.stringify(body);
    const timestamp = Math.floor(this.clock().getTime() / 1000);
    let response: Response;
    try {
      response = await fetch(message.address, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'siaga-notifications/1',
          [SIGNATURE_HEADER]: signatureHeader(this.options.secret, timestamp, json),
          'x-siaga-notification-id': message.id,
          'x-siaga-delivery-attempt': String(message.attempt),
        },
        body: json,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      // Checked by name: the abort arrives as a DOMException, not always an Error of this realm.
      const timedOut = (error as { name?: unknown } | null)?.name === 'TimeoutError';
      const reason = timedOut ? `no answer within ${this.options.timeoutMs} ms` : describe(error);
      throw new DeliveryError(reason);
    }
    await response.body?.cancel().catch(() => undefined); // the answer's body is not needed; free the socket
    if (response.status < 200 || response.status > 299) throw new DeliveryError(`HTTP ${response.status}`, response.status);
    return { statusCode: response.status };
  }
}

/** "fetch failed: connect ECONNREFUSED …": the cause says what went wrong. By shape, not instanceof (errors may come from another realm). */
function describe(error: unknown): string {
  const messageOf = (value: unknown): string | undefined =>
    typeof value === 'object' && value !== null && typeof (value as { message?: unknown }).message === 'string'
      ? (value as { message: string }).message
      : undefined;
  const message = messageOf(error) ?? String(error);
  const cause = messageOf((error as { cause?: unknown } | null)?.cause);
  return cause ? `${message}: ${cause}` : message;
}
