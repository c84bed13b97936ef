import { AsyncLocalStorage } from "node:async_hooks";

// What one HTTP request's loaders share. Remix hands each loader its own copy of the Request
// (it strips `?index` and `?_routes` into a new object), so nothing keyed by the Request object
// is shared between the root's loader and the page's; server.ts runs each request inside a scope
// instead, and whatever is read once per request (the session) is kept there.

type Scope = { method: string; values: Map<symbol, unknown> };

// On globalThis: server.ts and the Remix build each bundle this module, and must share one store.
const registry = globalThis as typeof globalThis & {
  __vanguardRequestScope?: AsyncLocalStorage<Scope>;
};
const storage = (registry.__vanguardRequestScope ??= new AsyncLocalStorage<Scope>());

/** Runs `handle` (one request's whole handling) inside its own scope. */
export function runInRequestScope<T>(method: string, handle: () => T): T {
  return storage.run({ method, values: new Map() }, handle);
}

/**
 * The value `read` makes, once per request: every later call in the same request gets the first
 * call's promise. Only for reading requests (GET, HEAD): an action may change what is read (sign
 * out, a new role), and the loaders that run after it must read it again. Outside a scope (tests,
 * scripts) it reads every time.
 */
export function oncePerRequest<T>(key: symbol, read: () => Promise<T>): Promise<T> {
  const scope = storage.getStore();
  if (!scope || (scope.method !== "GET" && scope.method !== "HEAD")) return read();
  let value = scope.values.get(key) as Promise<T> | undefined;
  if (!value) {
    value = read();
    scope.values.set(key, value);
  }
  return value;
}
