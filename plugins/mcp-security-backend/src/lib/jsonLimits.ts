/**
 * How large a JSON document from outside may be once parsed. Every request
 * body, MCP tool input, server.json and client configuration is checked
 * against these before anything walks it recursively (JSON.stringify,
 * String(array), zod), so hostile nesting or fan-out is refused up front
 * instead of overflowing the stack or holding the event loop.
 */
export const JSON_LIMITS = {
  /** Levels of nested objects and arrays; a real server.json needs about 6. */
  depth: 32,
  /** Items in one array, e.g. packages of a server.json or args of a client config. */
  arrayItems: 100,
  /** Keys in one object, e.g. servers of a client configuration. */
  objectKeys: 200,
  /** Characters in one string or one key. */
  stringLength: 20_000,
  /**
   * Objects, arrays and values in the whole document: bounds the work one
   * request can cause (advice on the largest allowed server.json takes a few
   * milliseconds).
   */
  nodes: 5_000,
};

export type JsonLimits = { readonly [K in keyof typeof JSON_LIMITS]: number };

/** One step of a JSON path: `[3]`, `.name`, or `["odd key"]` (long keys shortened). */
function segment(key: string | number): string {
  if (typeof key === 'number') return `[${key}]`;
  if (/^[A-Za-z_$][\w$-]*$/.test(key)) return `.${key}`;
  return `[${JSON.stringify(key.length > 40 ? `${key.slice(0, 40)}…` : key)}]`;
}

interface Node {
  value: unknown;
  depth: number;
  parent?: Node;
  key?: string | number;
}

/** A JSON path under `root` from the keys of a path, e.g. zod's issue path. */
export function jsonPath(root: string, keys: readonly PropertyKey[]): string {
  return (
    root +
    keys.map(k => segment(typeof k === 'number' ? k : String(k))).join('')
  );
}

/** The JSON path of a node, built only for the one that breaks a limit. */
function pathOf(node: Node, root: string): string {
  const segments: string[] = [];
  for (let n: Node | undefined = node; n?.parent; n = n.parent) {
    segments.push(segment(n.key!));
  }
  return root + segments.reverse().join('');
}

/**
 * The first limit the value breaks, as a sentence naming its JSON path
 * (under `root`) and the limit, or undefined when it is within all of them.
 * Walks iteratively, so any depth is safe to check.
 */
export function jsonLimitProblem(
  value: unknown,
  root: string,
  limits: JsonLimits = JSON_LIMITS,
): string | undefined {
  const { depth: maxDepth, arrayItems, objectKeys, stringLength } = limits;
  const stack: Node[] = [{ value, depth: 0 }];
  let nodes = 0;
  while (stack.length > 0) {
    const node = stack.pop()!;
    nodes += 1;
    if (nodes > limits.nodes) {
      return `${root} has more than ${limits.nodes} values in all (limit ${limits.nodes})`;
    }
    const current = node.value;
    if (typeof current === 'string') {
      if (current.length > stringLength) {
        return `${pathOf(
          node,
          root,
        )} is longer than ${stringLength} characters (limit ${stringLength})`;
      }
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (node.depth >= maxDepth) {
      return `${pathOf(
        node,
        root,
      )} is nested deeper than ${maxDepth} levels (limit ${maxDepth})`;
    }
    const depth = node.depth + 1;
    if (Array.isArray(current)) {
      if (current.length > arrayItems) {
        return `${pathOf(node, root)} has ${
          current.length
        } items (limit ${arrayItems})`;
      }
      for (let i = 0; i < current.length; i++) {
        stack.push({ value: current[i], depth, parent: node, key: i });
      }
      continue;
    }
    const keys = Object.keys(current);
    if (keys.length > objectKeys) {
      return `${pathOf(node, root)} has ${
        keys.length
      } keys (limit ${objectKeys})`;
    }
    for (const key of keys) {
      if (key.length > stringLength) {
        return `${pathOf(
          node,
          root,
        )} has a key longer than ${stringLength} characters (limit ${stringLength})`;
      }
      stack.push({
        value: (current as Record<string, unknown>)[key],
        depth,
        parent: node,
        key,
      });
    }
  }
  return undefined;
}
