import type { IncomingMessage } from "node:http";
import type { z } from "zod";
import type { FaultRule } from "../faults";
import type { SandboxOptions } from "../options";
import type { World } from "../world/world";
import { HttpError, badRequest } from "./http-error";

// A deliberately small router: method + path pattern ("/messaging/properties/:propertyId/tags"),
// first match wins. Every route has an endpoint name, which is also what fault rules match on.

export type ApiSide = "property" | "guest" | "token" | "control" | "page";

export interface RequestContext {
  req: IncomingMessage;
  method: string;
  path: string;
  query: URLSearchParams;
  params: Record<string, string>;
  rawBody: Buffer;
  world: World;
  options: SandboxOptions;
  /** Fault rules that fired for this request; queue faults are applied by the queue handler. */
  faults: FaultRule[];
}

export interface Reply {
  status: number;
  /** JSON-serialised unless `text` is given. */
  body?: unknown;
  text?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

export type Handler = (ctx: RequestContext) => Reply | Promise<Reply>;

export interface Route {
  method: string;
  pattern: string;
  /** A stable name such as "queue.read"; faults can target it. */
  endpoint: string;
  side: ApiSide;
  handler: Handler;
}

interface CompiledRoute extends Route {
  segments: string[];
}

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

export class Router {
  private readonly routes: CompiledRoute[] = [];

  add(route: Route): void {
    this.routes.push({ ...route, segments: splitPath(route.pattern) });
  }

  /** A match; or "wrong method" when the path exists with another method; or null. */
  match(method: string, path: string): RouteMatch | { allowed: string[] } | null {
    const segments = splitPath(path);
    const allowed: string[] = [];
    for (const route of this.routes) {
      const params = matchSegments(route.segments, segments);
      if (!params) continue;
      if (route.method === method) return { route, params };
      allowed.push(route.method);
    }
    return allowed.length > 0 ? { allowed } : null;
  }

  list(): Route[] {
    return this.routes.map(({ segments: _segments, ...route }) => route);
  }
}

function splitPath(path: string): string[] {
  return path.split("/").filter((segment) => segment.length > 0);
}

function matchSegments(pattern: string[], actual: string[]): Record<string, string> | null {
  if (pattern.length !== actual.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const expected = pattern[i] as string;
    const segment = actual[i] as string;
    if (expected.startsWith(":")) {
      try {
        params[expected.slice(1)] = decodeURIComponent(segment);
      } catch {
        return null;
      }
    } else if (expected !== segment) {
      return null;
    }
  }
  return params;
}

// ---------- input helpers shared by both API sides ----------

/** Parses and validates a JSON body; every failure is a 400 that says what is wrong. */
export function parseJsonBody<T extends z.ZodType>(ctx: RequestContext, schema: T, options: { emptyAs?: unknown } = {}): z.infer<T> {
  const text = ctx.rawBody.toString("utf8").trim();
  let value: unknown;
  if (text.length === 0) {
    if (!("emptyAs" in options)) throw badRequest("The request body is empty; a JSON object is required.");
    value = options.emptyAs;
  } else {
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw badRequest(`The request body is not valid JSON: ${(error as Error).message}`);
    }
  }
  return validate(schema, value, "request body");
}

export function validate<T extends z.ZodType>(schema: T, value: unknown, what: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const where = issue.path.length > 0 ? issue.path.join(".") : what;
    return `${where}: ${issue.message}`;
  });
  throw badRequest(`Invalid ${what}: ${problems.join("; ")}`);
}

/** A positive integer path parameter such as a property id. */
export function integerParam(ctx: RequestContext, name: string): number {
  const raw = ctx.params[name] ?? "";
  if (!/^\d{1,15}$/.test(raw)) throw badRequest(`Path parameter ${name} must be a positive integer, got "${raw}".`);
  return Number(raw);
}

export function methodNotAllowed(allowed: string[]): HttpError {
  return new HttpError(405, "method_not_allowed", `Method not allowed; use ${allowed.join(" or ")}.`, { Allow: allowed.join(", ") });
}
