/** The tabular statistics engine: the only module other parts of the profiler import from here. */
export type { ColumnProfile, ColumnStatistics, CsvDialect, DataType, ProfileTableOptions, TableInput, TableProfile } from './types.js';
export { profileTable } from './profileTable.js';
export { closeTabularEngine, configureTabularEngine, type TabularEngineSettings } from './engine.js';
