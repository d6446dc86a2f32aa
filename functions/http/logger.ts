import { pino } from 'pino';
import type { Logger } from '@dataset-profiler/core';
import type { Config } from '../config.js';

/**
 * JSON lines on stdout, level from LOG_LEVEL; request lines add `request_id` through a child.
 *
 * Logging must never take the process down. pino's standard error serializer reads `message` along
 * the whole cause chain, and a ZodError's `message` is a JSON dump of its issues and their inputs: a
 * deeply nested request overflowed the stack there. So errors are written by `serializeError` (name,
 * code, a short message, the stack, causes to a fixed depth; a validation error as its issue count),
 * and a line that still cannot be written is replaced by a short line saying so.
 */
export const createLogger = (config: Pick<Config, 'logLevel'>, destination?: pino.DestinationStream): Logger => {
  const options: pino.LoggerOptions = {
    level: config.logLevel,
    base: { service: 'dataset-profiler' },
    timestamp: pino.stdTimeFunctions.isoTime,
    serializers: { err: serializeError },
  };
  // Synchronous stdout by default: a Lambda may be frozen right after answering, losing buffered lines.
  return guarded(destination ? pino(options, destination) : pino(options));
};

export interface SerializedError {
  type: string;
  message: string;
  code?: string;
  stack?: string;
  cause?: SerializedError;
}

const MAX_MESSAGE = 500;
const MAX_STACK = 4000;
const MAX_CAUSES = 3;

/** A bounded, input-free description of anything thrown; never throws itself. */
export const serializeError = (error: unknown, depth = 0): SerializedError => {
  try {
    if (!(error instanceof Error)) return { type: typeof error, message: 'a non-Error value was thrown' };
    const type = String(error.name);
    const code = (error as { code?: unknown }).code;
    const serialized: SerializedError = {
      type,
      // A ZodError's message embeds the inputs it judged; its issue count is all a log needs.
      message: isZodError(error) ? `validation failed (${error.issues.length} issues)` : ownMessage(error).slice(0, MAX_MESSAGE),
      ...(typeof code === 'string' ? { code } : {}),
      ...(typeof error.stack === 'string' ? { stack: stackFrames(error.stack) } : {}),
    };
    if (error.cause !== undefined && depth < MAX_CAUSES) serialized.cause = serializeError(error.cause, depth + 1);
    return serialized;
  } catch {
    return { type: 'Unserializable', message: 'the error could not be described' };
  }
};

const isZodError = (error: Error): error is Error & { issues: unknown[] } =>
  (error.name === 'ZodError' || error.name === '$ZodError') && Array.isArray((error as { issues?: unknown }).issues);

/** The message as stored on the object; a lazy getter (zod's) is not run. */
const ownMessage = (error: Error): string => {
  const descriptor = Object.getOwnPropertyDescriptor(error, 'message') ?? Object.getOwnPropertyDescriptor(Object.getPrototypeOf(error) as object, 'message');
  return descriptor && 'value' in descriptor && typeof descriptor.value === 'string' ? descriptor.value : '';
};

/** The frames only: V8 puts `name: message` on the stack's first line. */
const stackFrames = (stack: string): string => {
  const firstFrame = stack.indexOf('\n    at ');
  return (firstFrame === -1 ? '' : stack.slice(firstFrame + 1)).slice(0, MAX_STACK);
};

type Level = 'debug' | 'info' | 'warn' | 'error';

const guarded = (logger: pino.Logger): Logger => {
  const write = (level: Level) => (obj: object, msg?: string): void => {
    try {
      logger[level](obj, msg);
    } catch (error) {
      writeFallback(logger, level, msg, error);
    }
  };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    child: (bindings) => guarded(logger.child(bindings)),
  };
};

const writeFallback = (logger: pino.Logger, level: Level, msg: string | undefined, error: unknown): void => {
  try {
    logger[level]({ log_failure: error instanceof Error ? error.name : typeof error }, `${String(msg ?? 'log line')} (the full line could not be written)`);
  } catch {
    // The destination itself failed: there is nowhere left to say so, and the caller must go on.
  }
};
