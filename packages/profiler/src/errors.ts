/** The profiler's own errors; `code` follows the service's wire-code style. */
export class DatasetProfilerError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DatasetProfilerError';
    this.code = code;
  }
}

/** The dataset root does not exist, is not a folder, or cannot be read. */
export class DatasetFolderError extends DatasetProfilerError {
  constructor(readonly root: string, reason: string, options?: ErrorOptions) {
    super('Profiler.DatasetFolder', `Cannot profile ${root}: ${reason}`, options);
    this.name = 'DatasetFolderError';
  }
}

/** `buildHeavyProfile` was handed a `LightResult` it did not make. */
export class InvalidLightStateError extends DatasetProfilerError {
  constructor(options?: ErrorOptions) {
    super('Profiler.LightState', 'The light result carries no profiler state; pass the value buildLightProfile returned', options);
    this.name = 'InvalidLightStateError';
  }
}

/** A database connection that cannot be profiled at all (no credentials, unreachable, refused). */
export class DatabaseProfileError extends DatasetProfilerError {
  constructor(message: string, options?: ErrorOptions) {
    super('Profiler.Database', message, options);
    this.name = 'DatabaseProfileError';
  }
}
