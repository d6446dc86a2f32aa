/** A route as the router sees it: a method and an API Gateway style path (`/jobs/{job_id}`). */
export interface RouteKey {
  method: string;
  path: string;
}

export type RouteMatch<R> =
  | { kind: 'found'; route: R; pathParameters: Record<string, string> }
  | { kind: 'notFound' }
  | { kind: 'methodNotAllowed'; allow: string[] };

interface Compiled<R> {
  route: R;
  pattern: RegExp;
  names: string[];
}

/** `{name}` matches one segment, `{name+}` the rest of the path (API Gateway's greedy parameter). */
const compile = <R extends RouteKey>(route: R): Compiled<R> => {
  const names: string[] = [];
  const source = route.path.replace(/[.*?^$()|[\]\\]/g, '\\$&').replace(/\{([A-Za-z0-9_]+)(\+?)\}/g, (_whole, name: string, greedy: string) => {
    names.push(name);
    return greedy ? '(.+)' : '([^/]+)';
  });
  return { route, pattern: new RegExp(`^${source}$`), names };
};

const decode = (segment: string): string => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
};

/** Matches a method and raw path against the table; tells "no such path" from "wrong method". */
export const createRouter = <R extends RouteKey>(routes: readonly R[]) => {
  const compiled = routes.map(compile);
  return {
    match(method: string, rawPath: string): RouteMatch<R> {
      const onPath = compiled.flatMap((c) => {
        const found = c.pattern.exec(rawPath);
        return found ? [{ c, values: found.slice(1) }] : [];
      });
      if (onPath.length === 0) return { kind: 'notFound' };
      const hit = onPath.find(({ c }) => c.route.method === method.toUpperCase());
      if (!hit) return { kind: 'methodNotAllowed', allow: [...new Set(onPath.map(({ c }) => c.route.method))] };
      const pathParameters = Object.fromEntries(hit.c.names.map((name, i) => [name, decode(hit.values[i] ?? '')]));
      return { kind: 'found', route: hit.c.route, pathParameters };
    },
  };
};
