import type { ColumnInfo } from './catalog.js';

/** Which statistics a column gets, as for file columns of the same kind; `spatial` for PostGIS geometries. */
export type StatisticsKind = 'numeric' | 'boolean' | 'temporal' | 'text' | 'spatial';

export interface FieldType {
  dataType: string;
  kind: StatisticsKind;
  /** An array column: its values are lists of `dataType` (Croissant `repeated`). */
  repeated: boolean;
}

/** Base type name → Croissant data type and statistics kind. Anything else is text (its ::text form). */
const TYPES: Record<string, Omit<FieldType, 'repeated'>> = {
  int2: { dataType: 'sc:Integer', kind: 'numeric' },
  int4: { dataType: 'sc:Integer', kind: 'numeric' },
  int8: { dataType: 'sc:Integer', kind: 'numeric' },
  oid: { dataType: 'sc:Integer', kind: 'numeric' },
  float4: { dataType: 'sc:Float', kind: 'numeric' },
  float8: { dataType: 'sc:Float', kind: 'numeric' },
  numeric: { dataType: 'sc:Float', kind: 'numeric' },
  bool: { dataType: 'sc:Boolean', kind: 'boolean' },
  date: { dataType: 'sc:Date', kind: 'temporal' },
  timestamp: { dataType: 'sc:DateTime', kind: 'temporal' },
  timestamptz: { dataType: 'sc:DateTime', kind: 'temporal' },
  time: { dataType: 'sc:Time', kind: 'temporal' },
  timetz: { dataType: 'sc:Time', kind: 'temporal' },
  json: { dataType: 'sc:StructuredValue', kind: 'text' },
  jsonb: { dataType: 'sc:StructuredValue', kind: 'text' },
  geometry: { dataType: 'sc:GeoShape', kind: 'spatial' },
  geography: { dataType: 'sc:GeoShape', kind: 'spatial' },
  uuid: { dataType: 'sc:Text', kind: 'text' },
};

const TEXT: Omit<FieldType, 'repeated'> = { dataType: 'sc:Text', kind: 'text' };

/** Arrays are profiled as whole values (their text form), typed by their elements. */
export function fieldTypeOf(column: Pick<ColumnInfo, 'typeName' | 'isArray'>): FieldType {
  const type = TYPES[column.typeName] ?? TEXT;
  return column.isArray ? { dataType: type.dataType, kind: 'text', repeated: true } : { ...type, repeated: false };
}
