/** Column naming as pandas does it: blank names become `Unnamed: <i>`, duplicates get `.1`, `.2`, ... */

export function uniqueColumnNames(raw: readonly (string | undefined)[]): string[] {
  const named = raw.map((name, index) => (name === undefined || name.trim() === '' ? `Unnamed: ${index}` : name));
  const used = new Set<string>();
  const taken = new Set(named);
  return named.map((name) => {
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
    let suffix = 1;
    while (used.has(`${name}.${suffix}`) || taken.has(`${name}.${suffix}`)) suffix += 1;
    const unique = `${name}.${suffix}`;
    used.add(unique);
    return unique;
  });
}

/** Names for a file without a header row: column_1, column_2, ... */
export function generatedColumnNames(count: number): string[] {
  return Array.from({ length: count }, (_, index) => `column_${index + 1}`);
}
