import { randomUUID } from 'node:crypto';
import { readdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { SystemClock, type Clock, type JobQueue, type Logger, type QueueMessage, type ReceiveOptions } from '@dataset-profiler/core';
import { ensureDir, readJsonIfExists, removeIfExists, writeJsonAtomic } from './fs/atomicFile.js';
import { KeyedMutex } from './fs/KeyedMutex.js';
import {
  bySendOrder,
  MESSAGE_SUFFIX,
  messageNameOf,
  newMessageName,
  newReceipt,
  parseStoredMessage,
  toRecord,
  type StoredMessage,
} from './fs/queueMessageFile.js';

export interface FileJobQueueOptions {
  dir: string;
  /** How long a received message stays hidden before it is delivered again (default 30). */
  visibilityTimeoutSeconds?: number;
  /** Receives after which the next one moves the message to `deadLetter` instead (default 5). */
  maxReceives?: number;
  /** Where messages go after `maxReceives`; without one they are redelivered for ever, as on SQS. */
  deadLetter?: JobQueue;
  clock?: Clock;
  /** How often a long poll looks for new or newly visible messages (default 50). */
  pollIntervalMs?: number;
  logger?: Pick<Logger, 'warn'>;
}

const defaults = { visibilityTimeoutSeconds: 30, maxReceives: 5, pollIntervalMs: 50, max: 10, waitMs: 0 };
const LOCK = 'queue';

/**
 * An at-least-once queue in a directory: one file per message under `<dir>/messages`, named so that
 * they sort in send order.
 *
 * `send` is safe from any number of processes: it only writes a new, uniquely named file (atomically,
 * beside its final name) into `messages/`. `receive`, `ack` and `release` must be called by one
 * process only (the local stack): it keeps the messages it has seen in memory and records each
 * receive (count, visibility deadline, receipt) in the message's file, so a restart picks up where it
 * stopped and an in-flight message becomes visible again once its timeout has passed.
 */
export class FileJobQueue implements JobQueue {
  private readonly messagesDir: string;
  private readonly corruptDir: string;
  private readonly settings: Required<Omit<FileJobQueueOptions, 'deadLetter' | 'logger'>>;
  private readonly deadLetter: JobQueue | undefined;
  private readonly logger: Pick<Logger, 'warn'> | undefined;
  private readonly lock = new KeyedMutex();
  private readonly known = new Map<string, StoredMessage>();
  private dirsReady: Promise<void> | undefined;

  constructor(options: FileJobQueueOptions) {
    this.settings = {
      dir: options.dir,
      visibilityTimeoutSeconds: options.visibilityTimeoutSeconds ?? defaults.visibilityTimeoutSeconds,
      maxReceives: options.maxReceives ?? defaults.maxReceives,
      clock: options.clock ?? new SystemClock(),
      pollIntervalMs: options.pollIntervalMs ?? defaults.pollIntervalMs,
    };
    this.deadLetter = options.deadLetter;
    this.logger = options.logger;
    this.messagesDir = join(options.dir, 'messages');
    this.corruptDir = join(options.dir, 'corrupt');
  }

  async send(body: unknown): Promise<string> {
    await this.ensureDirs();
    const sentAt = this.now();
    const message: StoredMessage = { id: randomUUID(), body, sentAt, receiveCount: 0, visibleAt: sentAt, name: newMessageName(sentAt) };
    await writeJsonAtomic(join(this.messagesDir, message.name), toRecord(message));
    return message.id;
  }

  async receive(options: ReceiveOptions = {}): Promise<QueueMessage[]> {
    const max = options.max ?? defaults.max;
    const deadline = Date.now() + (options.waitMs ?? defaults.waitMs);
    await this.ensureDirs();
    for (;;) {
      const batch = await this.lock.run(LOCK, () => this.receiveVisible(max));
      const remaining = deadline - Date.now();
      if (batch.length > 0 || remaining <= 0) return batch;
      await sleep(Math.min(this.settings.pollIntervalMs, remaining));
    }
  }

  async ack(receipt: string): Promise<void> {
    await this.ensureDirs();
    await this.lock.run(LOCK, async () => {
      const message = await this.findByReceipt(receipt);
      if (!message) return;
      await removeIfExists(join(this.messagesDir, message.name));
      this.known.delete(message.name);
    });
  }

  async release(receipt: string, delaySeconds: number): Promise<void> {
    await this.ensureDirs();
    await this.lock.run(LOCK, async () => {
      const message = await this.findByReceipt(receipt);
      if (!message) return;
      await this.store({ ...message, visibleAt: this.now() + Math.max(0, delaySeconds) * 1000 });
    });
  }

  private async receiveVisible(max: number): Promise<QueueMessage[]> {
    await this.syncWithDisk();
    const now = this.now();
    const visible = [...this.known.values()].filter((message) => message.visibleAt <= now).sort(bySendOrder);
    const chosen: StoredMessage[] = [];
    for (const message of visible) {
      if (chosen.length >= max) break;
      if (this.deadLetter && message.receiveCount + 1 > this.settings.maxReceives) {
        await this.moveToDeadLetter(this.deadLetter, message);
      } else {
        chosen.push({ ...message, receiveCount: message.receiveCount + 1, visibleAt: now + this.settings.visibilityTimeoutSeconds * 1000, receipt: newReceipt(message.name) });
      }
    }
    // The receive is recorded before it is handed out, so a crash can only redeliver, never lose.
    await Promise.all(chosen.map((message) => this.store(message)));
    return chosen.map(({ id, receipt, body, receiveCount }) => ({ id, receipt: receipt ?? '', body, receiveCount }));
  }

  /** Sent first, removed after: a crash in between leaves a duplicate in the dead-letter queue, not a loss. */
  private async moveToDeadLetter(deadLetter: JobQueue, message: StoredMessage): Promise<void> {
    await deadLetter.send(message.body);
    await removeIfExists(join(this.messagesDir, message.name));
    this.known.delete(message.name);
  }

  private async findByReceipt(receipt: string): Promise<StoredMessage | undefined> {
    const name = messageNameOf(receipt);
    if (!name) return undefined;
    // After a restart the message may not be loaded yet; the file on disk holds its latest receipt.
    if (!this.known.has(name)) await this.syncWithDisk();
    const message = this.known.get(name);
    return message?.receipt === receipt ? message : undefined;
  }

  /** Loads messages sent since the last look (possibly by other processes) and forgets deleted ones. */
  private async syncWithDisk(): Promise<void> {
    const names = new Set((await readdir(this.messagesDir)).filter((name) => name.endsWith(MESSAGE_SUFFIX)));
    for (const name of this.known.keys()) if (!names.has(name)) this.known.delete(name);
    for (const name of names) {
      if (this.known.has(name)) continue;
      const message = await this.load(name);
      if (message) this.known.set(name, message);
    }
  }

  private async load(name: string): Promise<StoredMessage | undefined> {
    const file = join(this.messagesDir, name);
    try {
      const raw = await readJsonIfExists(file);
      return raw === undefined ? undefined : parseStoredMessage(raw, name);
    } catch (error) {
      // Moved aside so one bad file cannot block the queue; kept for inspection.
      this.logger?.warn({ err: error, file }, 'moving an unreadable queue message aside');
      await ensureDir(this.corruptDir);
      await rename(file, join(this.corruptDir, name)).catch(() => undefined);
      return undefined;
    }
  }

  private async store(message: StoredMessage): Promise<void> {
    await writeJsonAtomic(join(this.messagesDir, message.name), toRecord(message));
    this.known.set(message.name, message);
  }

  private ensureDirs(): Promise<void> {
    this.dirsReady ??= ensureDir(this.messagesDir).then(
      () => undefined,
      (error: unknown) => {
        this.dirsReady = undefined;
        throw error;
      },
    );
    return this.dirsReady;
  }

  private now(): number {
    return this.settings.clock.now().getTime();
  }
}
