import { createHmac, randomUUID } from 'node:crypto';

export interface WebhookDelivery {
  event: string;
  payload: unknown;
  secret: string;
  /** Defaults to a new GUID, as GitHub gives every delivery (a redelivery reuses the original's). */
  deliveryId?: string;
  /** Replace the signature (forgery tests). */
  signature?: string;
  /** Send this exact body instead of JSON.stringify(payload). */
  rawBody?: string;
}

export function signWebhook(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** POSTs a webhook delivery exactly as GitHub does: JSON body, event/delivery/signature headers, Hookshot agent. */
export async function sendWebhook(
  url: string,
  delivery: WebhookDelivery,
): Promise<{ status: number; body: string; deliveryId: string }> {
  const body = delivery.rawBody ?? JSON.stringify(delivery.payload);
  const deliveryId = delivery.deliveryId ?? randomUUID();
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': 'GitHub-Hookshot/e2e',
      'x-github-event': delivery.event,
      'x-github-delivery': deliveryId,
      'x-github-hook-id': '1',
      'x-hub-signature-256': delivery.signature ?? signWebhook(delivery.secret, body),
    },
    body,
  });
  return { status: res.status, body: await res.text(), deliveryId };
}
