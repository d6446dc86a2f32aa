/**
 * Memoizes an async factory for the life of a Lambda container: the first call builds, every later
 * call shares that promise. A failed build is forgotten, so the next invocation tries again instead of
 * failing forever on a transient cold-start error.
 */
export const once = <T>(build: () => Promise<T>): (() => Promise<T>) => {
  let pending: Promise<T> | undefined;
  return () => {
    pending ??= build().catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
};
