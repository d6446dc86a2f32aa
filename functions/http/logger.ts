import { pino } from 'pino';
import type { Logger } from '@dataset-profiler/core';
import type { Config } from '../config.js';

/** JSON lines on stdout, level from LOG_LEVEL; request lines add `request_id` through a child. */
export const createLogger = (config: Pick<Config, 'logLevel'>, destination?: pino.DestinationStream): Logger => {
  const options = { level: config.logLevel, base: { service: 'dataset-profiler' }, timestamp: pino.stdTimeFunctions.isoTime };
  // Synchronous stdout by default: a Lambda may be frozen right after answering, losing buffered lines.
  return destination ? pino(options, destination) : pino(options);
};
