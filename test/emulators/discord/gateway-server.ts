import type { Server } from 'node:http';
import type { GatewayGuildCreateDispatchData, GatewayReadyDispatchData } from 'discord.js';
import { GatewayCloseCodes, GatewayDispatchEvents, GatewayOpcodes } from 'discord.js';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';

export interface GatewayOptions {
  server: Server;
  /** Decides whether an IDENTIFY token is good; a bad one closes the socket with 4004 like Discord. */
  acceptsToken(token: string): boolean;
  ready(sessionId: string, resumeUrl: string): GatewayReadyDispatchData;
  guildCreate(): GatewayGuildCreateDispatchData;
  resumeUrl(): string;
  onEvent(entry: GatewayLogEntry): void;
}

export interface GatewayLogEntry {
  direction: 'in' | 'out';
  op: number;
  t?: string | undefined;
  d?: unknown;
  /** When the emulator sent or received it (Date.now()). */
  at?: number | undefined;
}

interface Session {
  socket: WebSocket;
  seq: number;
  identified: boolean;
  intents: number;
}

const MESSAGE_CONTENT_INTENT = 1 << 15;
const DIRECT_MESSAGES_INTENT = 1 << 12;

/** The gateway side: HELLO, heartbeat ACKs, IDENTIFY → READY + GUILD_CREATE, then dispatches with op 0 and a sequence. */
export function createGatewayServer(options: GatewayOptions) {
  const wss = new WebSocketServer({ server: options.server, path: '/gateway' });
  const sessions = new Set<Session>();
  let sessionCounter = 0;

  const send = (session: Session, payload: { op: number; d?: unknown; t?: string; s?: number | null }) => {
    options.onEvent({ direction: 'out', op: payload.op, t: payload.t, d: payload.d });
    session.socket.send(JSON.stringify(payload));
  };

  const dispatchTo = (session: Session, t: string, d: unknown) => {
    session.seq += 1;
    send(session, { op: GatewayOpcodes.Dispatch, t, s: session.seq, d });
  };

  wss.on('connection', (socket, req) => {
    if (new URL(req.url ?? '/', 'http://x').searchParams.has('compress')) {
      socket.close(4000, 'this emulator does not speak zlib-stream');
      return;
    }
    const session: Session = { socket, seq: 0, identified: false, intents: 0 };
    sessions.add(session);
    socket.on('close', () => sessions.delete(session));
    send(session, { op: GatewayOpcodes.Hello, d: { heartbeat_interval: 41_250 } });
    socket.on('message', (raw) => {
      const packet = JSON.parse(String(raw)) as { op: number; d: unknown };
      options.onEvent({
        direction: 'in',
        op: packet.op,
        d: packet.op === GatewayOpcodes.Identify ? { ...(packet.d as object), token: '[redacted]' } : packet.d,
      });
      switch (packet.op) {
        case GatewayOpcodes.Heartbeat:
          send(session, { op: GatewayOpcodes.HeartbeatAck });
          return;
        case GatewayOpcodes.Identify: {
          const d = packet.d as { token: string; intents: number };
          if (!options.acceptsToken(d.token)) {
            socket.close(GatewayCloseCodes.AuthenticationFailed, 'Authentication failed.');
            return;
          }
          session.identified = true;
          session.intents = d.intents;
          sessionCounter += 1;
          dispatchTo(
            session,
            GatewayDispatchEvents.Ready,
            options.ready(`session-${sessionCounter}`, options.resumeUrl()),
          );
          dispatchTo(session, GatewayDispatchEvents.GuildCreate, options.guildCreate());
          return;
        }
        case GatewayOpcodes.Resume:
          // Sessions are not kept: ask for a fresh IDENTIFY, as Discord does for an expired session.
          send(session, { op: GatewayOpcodes.InvalidSession, d: false });
          return;
        default:
          return; // presence (3), request members (8) and the rest are ignored
      }
    });
  });

  return {
    /**
     * Send a dispatch to every identified session; message content is blanked without the MessageContent intent,
     * and a DM's MESSAGE_CREATE (no guild_id) only goes to sessions with the DirectMessages intent.
     */
    dispatch(t: string, d: unknown): void {
      const inDm = t === GatewayDispatchEvents.MessageCreate && !(d as { guild_id?: unknown }).guild_id;
      for (const session of sessions) {
        if (!session.identified) continue;
        if (inDm && (session.intents & DIRECT_MESSAGES_INTENT) === 0) continue;
        const blank = t === GatewayDispatchEvents.MessageCreate && (session.intents & MESSAGE_CONTENT_INTENT) === 0;
        dispatchTo(session, t, blank ? { ...(d as object), content: '' } : d);
      }
    },
    get connected(): number {
      return [...sessions].filter((s) => s.identified).length;
    },
    async close(): Promise<void> {
      for (const s of sessions) s.socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

export type GatewayServer = ReturnType<typeof createGatewayServer>;
