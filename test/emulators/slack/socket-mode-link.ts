import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';

/**
 * Slack's Socket Mode end: `apps.connections.open` hands out `ws://…/link`, the server says hello, then sends
 * envelopes and waits for the client's ack `{envelope_id, payload}`.
 */
export function createSocketModeLink(server: Server, port: () => number) {
  const wss = new WebSocketServer({ server, path: '/link' });
  const clients = new Set<WebSocket>();
  const pendingAcks = new Map<string, (payload: unknown) => void>();
  const acks: { envelopeId: string; payload: unknown; at: number }[] = [];

  wss.on('connection', (ws) => {
    clients.add(ws);
    ws.on('close', () => clients.delete(ws));
    ws.on('message', (data) => {
      const msg = JSON.parse(String(data)) as { envelope_id?: string; payload?: unknown };
      if (!msg.envelope_id) return;
      acks.push({ envelopeId: msg.envelope_id, payload: msg.payload, at: Date.now() });
      pendingAcks.get(msg.envelope_id)?.(msg.payload);
      pendingAcks.delete(msg.envelope_id);
    });
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: 1,
        debug_info: { host: 'emulator', approximate_connection_time: 3600 },
        connection_info: { app_id: 'A_EMU' },
      }),
    );
  });

  return {
    acks,
    connectUrl: () => `ws://127.0.0.1:${port()}/link?ticket=${randomUUID()}`,
    connected: () => clients.size,
    /** Send an envelope to the connected client; resolves with the ack payload (rejects after timeoutMs). */
    send(
      type: 'events_api' | 'slash_commands' | 'interactive',
      payload: unknown,
      options: { retryAttempt?: number; timeoutMs?: number } = {},
    ): Promise<unknown> {
      const ws = [...clients][0];
      if (!ws) return Promise.reject(new Error('no Socket Mode client connected'));
      const envelopeId = randomUUID();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          pendingAcks.delete(envelopeId);
          reject(new Error(`no ack for envelope ${envelopeId}`));
        }, options.timeoutMs ?? 5_000);
        pendingAcks.set(envelopeId, (p) => {
          clearTimeout(timer);
          resolve(p);
        });
        ws.send(
          JSON.stringify({
            envelope_id: envelopeId,
            type,
            payload,
            accepts_response_payload: type !== 'events_api',
            retry_attempt: options.retryAttempt ?? 0,
            retry_reason: options.retryAttempt ? 'timeout' : '',
          }),
        );
      });
    },
    close(): Promise<void> {
      for (const ws of clients) ws.terminate();
      return new Promise((resolve) => wss.close(() => resolve()));
    },
  };
}
