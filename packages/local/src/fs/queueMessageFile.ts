import { randomUUID } from 'node:crypto';
import { z } from 'zod';

/** One queued message as stored in its own file; the receiver rewrites it on every receive. */
const StoredMessageRecord = z.object({
  id: z.string().min(1),
  body: z.unknown(),
  /** Unix ms when sent; with the file name it gives the delivery order. */
  sentAt: z.number(),
  receiveCount: z.int().nonnegative(),
  /** Unix ms before which the message is hidden (in flight or released with a delay). */
  visibleAt: z.number(),
  /** The receipt of the latest receive; only it may ack or release the message. */
  receipt: z.string().optional(),
});
export type StoredMessage = z.infer<typeof StoredMessageRecord> & { name: string };

export const MESSAGE_SUFFIX = '.json';

export const parseStoredMessage = (value: unknown, name: string): StoredMessage => {
  const parsed = StoredMessageRecord.safeParse(value);
  if (!parsed.success) throw new Error(`Invalid queue message ${name}: ${z.prettifyError(parsed.error)}`, { cause: parsed.error });
  return { ...parsed.data, name };
};

export const toRecord = ({ name: _name, ...record }: StoredMessage): Omit<StoredMessage, 'name'> => record;

let sequence = 0;

/**
 * A file name that sorts in send order: send time, then a per-process counter for sends within the
 * same millisecond, then a random part so names from different processes never collide.
 */
export const newMessageName = (sentAt: number): string => {
  sequence = (sequence + 1) % 1_000_000;
  return `${String(sentAt).padStart(15, '0')}-${String(sequence).padStart(6, '0')}-${randomUUID()}${MESSAGE_SUFFIX}`;
};

const RECEIPT_SEPARATOR = ':';

/** A receipt names its message file, so an ack finds the message without any other state. */
export const newReceipt = (name: string): string => `${name}${RECEIPT_SEPARATOR}${randomUUID()}`;

export const messageNameOf = (receipt: string): string => receipt.slice(0, Math.max(0, receipt.lastIndexOf(RECEIPT_SEPARATOR)));

export const bySendOrder = (a: StoredMessage, b: StoredMessage): number =>
  a.sentAt - b.sentAt || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
