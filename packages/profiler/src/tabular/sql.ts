/** Quoting helpers: every identifier and literal that reaches DuckDB goes through these. */

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

export function listLiteral(values: readonly string[]): string {
  return `[${values.map(quoteLiteral).join(', ')}]`;
}

/** Internal column identifiers are positional (c0, c1, ...) so user column names never reach SQL as identifiers. */
export function columnIdent(index: number): string {
  return `c${index}`;
}

/** Splits items into batches whose summed weight stays under a budget (each batch has at least one item). */
export function batchByWeight<T>(items: readonly T[], weight: (item: T) => number, budget: number, maxItems: number): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let currentWeight = 0;
  for (const item of items) {
    const w = Math.max(1, weight(item));
    if (current.length > 0 && (currentWeight + w > budget || current.length >= maxItems)) {
      batches.push(current);
      current = [];
      currentWeight = 0;
    }
    current.push(item);
    currentWeight += w;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/**
 * SQL: the number of distinct non-NULL values of `value` in `table`, as a scalar subquery. A GROUP
 * BY of its own spills to disk and, beside many other aggregates, costs about half a count(DISTINCT).
 */
export function distinctCountSql(table: string, value: string): string {
  return `(SELECT count(*) FROM (SELECT ${value} AS v FROM ${table} WHERE v IS NOT NULL GROUP BY v))`;
}
