/** A message as received: `receipt` identifies this receipt (it changes on every receive). */
export interface QueueMessage {
  id: string;
  receipt: string;
  body: unknown;
  /** How many times this message has been received, this time included. */
  receiveCount: number;
}

export interface ReceiveOptions {
  /** At most this many messages (default 10). */
  max?: number;
  /** Wait up to this long for a first message (long polling; default 0). */
  waitMs?: number;
}

/**
 * An at-least-once queue with SQS semantics: a received message is hidden for the queue's visibility
 * timeout, then delivered again unless acknowledged; a message received more than the queue's
 * `maxReceives` times moves to its dead-letter queue instead of being delivered.
 * - `ack` deletes the message (idempotent; a stale receipt is ignored).
 * - `release` makes it visible again after `delaySeconds` (0 = now).
 */
export interface JobQueue {
  send(body: unknown): Promise<string>;
  receive(options?: ReceiveOptions): Promise<QueueMessage[]>;
  ack(receipt: string): Promise<void>;
  release(receipt: string, delaySeconds: number): Promise<void>;
}
