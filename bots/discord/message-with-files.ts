import type { MessageCreateOptions, MessageTarget } from 'discord.js';
import { MessagePayload } from 'discord.js';
import type { MessageAttachment } from '../../core/index.js';

/**
 * A message with its files (calendar invitations) as one post: discord.js then sends it as multipart/form-data,
 * `payload_json` (text, embeds, buttons, nonce, and `attachments` naming each file) plus one `files[n]` part per
 * file. The files go in already resolved (`payload.files`), because discord.js 14's `AttachmentPayload` carries no
 * content type (a Buffer would go out as `application/octet-stream`), while a resolved file (`RawFile`) keeps the
 * one the core chose, e.g. `text/calendar; method=REQUEST; charset=utf-8`. Without files the options are returned
 * as they are, so the message stays a JSON post.
 */
export function messageWithFiles(
  target: MessageTarget,
  options: MessageCreateOptions,
  files: readonly MessageAttachment[] | undefined,
): MessageCreateOptions | MessagePayload {
  if (!files?.length) return options;
  const data = files.map((file) => Buffer.from(file.content, 'utf8'));
  const payload = MessagePayload.create(target, {
    ...options,
    files: files.map((file, i) => ({ attachment: data[i] as Buffer, name: file.filename })),
  });
  payload.files = files.map((file, i) => ({
    data: data[i] as Buffer,
    name: file.filename,
    contentType: file.contentType,
  }));
  return payload;
}
