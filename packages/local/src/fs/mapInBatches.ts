/** Maps `items` with at most `batchSize` calls in flight, keeping the input order. */
export const mapInBatches = async <T, R>(items: readonly T[], batchSize: number, map: (item: T) => Promise<R>): Promise<R[]> => {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += batchSize) {
    results.push(...(await Promise.all(items.slice(start, start + batchSize).map(map))));
  }
  return results;
};
