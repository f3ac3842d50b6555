import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { performance } from "node:perf_hooks";
import { checkControlToken, controlErrorBody, controlRoutes, type ControlRuntime } from "./control-api";
import { FaultEngine, type FaultRule } from "./faults";
import { guestErrorBody } from "./guest-api/envelope";
import { guestRoutes } from "./guest-api/routes";
import { guestPageRoutes } from "./guest-page/page";
import { HttpError } from "./http/http-error";
import { methodNotAllowed, Router, validate, type ApiSide, type Reply, type RequestContext, type Route } from "./http/router";
import { sandboxOptionsSchema, type SandboxOptions, type SandboxOptionsInput } from "./options";
import { INTERNAL_SERVER_ERROR, TOO_MANY_REQUESTS, propertyErrorBody } from "./property-api/envelope";
import { propertyRoutes } from "./property-api/routes";
import { VirtualClock } from "./world/clock";
import { generateWorld, resolveAccountProperties } from "./world/generator";
import { WorldWriter, loadWorldFile, quarantineWorldFile } from "./world/persistence";
import type { World } from "./world/world";

// The sandbox as a program: one node:http server, one world, one router.
//
//   const sandbox = await startSandbox({ port: 0, clock: { mode: "frozen", start: "2026-03-01T10:00:00Z" } });
//   await fetch(`${sandbox.url}/messaging/messages/latest`, { headers: { Authorization: … } });
//   await sandbox.close();
//
// Options (all optional; see options.ts for the schema and defaults):
//   port (0 = random free port), host ("127.0.0.1"), stateFile (null = memory only), seed ("bellhop"),
//   conversations (generated world size, default 40, up to 100,000), clock {start, mode: running|frozen},
//   accounts (machine accounts; default bellhop-sandbox / sandbox-password, client bellhop-sandbox-client /
//   sandbox-secret, every demo property except 9999001), affiliates (default 424242 /
//   sandbox-affiliate-token), faults (initial fault rules), faultSeed, controlToken,
//   windowClosedStatus (403), messageReadDeleteIsSet (true), searchJobDelayMs, tokenTtlMs (1 h),
//   tokensPerHour (30), persistDebounceMs (200), logRequests (false).

export interface SandboxHandle {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:4010 */
  url: string;
  port: number;
  /** The live world (replaced by reset). */
  readonly world: World;
  faults: FaultEngine;
  options: SandboxOptions;
  /** Regenerates the world from a seed (the options' seed unless given). */
  reset(input?: { seed?: string; conversations?: number }): World;
  /** Writes the state file now (no-op without one). */
  flush(): Promise<void>;
  /** Flushes state, ends hung requests and stops listening. */
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 20 * 1024 * 1024;

export async function startSandbox(input: SandboxOptionsInput = {}): Promise<SandboxHandle> {
  const options = validate(sandboxOptionsSchema, input, "sandbox options");
  const faults = new FaultEngine(options.faultSeed);
  faults.add(options.faults);

  let world = openWorld(options);
  let writer: WorldWriter | null = null;
  if (options.stateFile !== null) {
    writer = new WorldWriter(options.stateFile, () => world, options.persistDebounceMs);
  }
  const watch = (target: World): World => {
    target.onChange = () => writer?.markDirty();
    return target;
  };
  watch(world);
  writer?.markDirty();

  const router = new Router();
  const runtime: ControlRuntime = {
    get world() {
      return world;
    },
    faults,
    reset(resetInput) {
      world = watch(createWorld({ ...options, seed: resetInput.seed ?? options.seed, conversations: resetInput.conversations ?? options.conversations }));
      writer?.markDirty();
      return world;
    },
    routes: () => router.list(),
  };
  for (const route of [...propertyRoutes, ...guestRoutes, ...controlRoutes(runtime), ...guestPageRoutes]) router.add(route);

  const hung = new Set<ServerResponse>();
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    void handleRequest(req, res, { router, options, faults, hung, world: () => world });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const host = options.host.includes(":") ? `[${options.host}]` : options.host;

  let closing: Promise<void> | null = null;
  return {
    url: `http://${host}:${port}`,
    port,
    get world() {
      return world;
    },
    faults,
    options,
    reset: (resetInput = {}) => runtime.reset(resetInput),
    flush: async () => {
      await writer?.flush();
    },
    close() {
      closing ??= (async () => {
        for (const res of hung) res.destroy();
        hung.clear();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          // Idle keep-alive connections would keep close() waiting.
          for (const socket of sockets) socket.destroy();
        });
        await writer?.flush();
      })();
      return closing;
    },
  };
}

function createWorld(options: SandboxOptions): World {
  const start = options.clock.start === undefined ? Date.now() : typeof options.clock.start === "number" ? options.clock.start : Date.parse(options.clock.start);
  return generateWorld({
    seed: options.seed,
    conversations: options.conversations,
    clock: VirtualClock.start(start, options.clock.mode),
    accounts: options.accounts,
    affiliates: options.affiliates,
    tokenSigningKey: randomBytes(32).toString("hex"),
  });
}

/** The stored world if there is one (its state wins over seed and size options), else a new one. */
function openWorld(options: SandboxOptions): World {
  if (options.stateFile === null) return createWorld(options);
  let stored: World | null = null;
  try {
    stored = loadWorldFile(options.stateFile);
  } catch (error) {
    const aside = quarantineWorldFile(options.stateFile);
    console.warn(`sandbox: could not read ${options.stateFile} (${(error as Error).message}); moved it to ${aside} and generated a new world.`);
  }
  if (!stored) return createWorld(options);
  syncAccounts(stored, options);
  return stored;
}

/** Credentials and affiliates come from the options; queues and token history from the file. */
function syncAccounts(world: World, options: SandboxOptions): void {
  const stored = new Map(world.accounts.map((account) => [account.id, account]));
  world.accounts.length = 0;
  for (const config of options.accounts) {
    const previous = stored.get(config.id);
    world.addAccount({
      id: config.id,
      username: config.username,
      password: config.password,
      clientId: config.clientId,
      clientSecret: config.clientSecret,
      propertyIds: resolveAccountProperties(config),
      latestEnabled: config.latestEnabled,
      queue: previous ? previous.queue.slice(previous.queueHead) : [],
      queueHead: 0,
      recentlyConfirmed: previous?.recentlyConfirmed ?? [],
      tokenIssuedAtMs: previous?.tokenIssuedAtMs ?? [],
    });
  }
  for (const affiliate of options.affiliates) {
    const existing = world.affiliates.get(affiliate.id);
    if (existing) existing.token = affiliate.token;
    else world.addAffiliate({ id: affiliate.id, token: affiliate.token, pending: [] });
  }
}

// ---------- request handling ----------

interface ServerParts {
  router: Router;
  options: SandboxOptions;
  faults: FaultEngine;
  hung: Set<ServerResponse>;
  world: () => World;
}

function sideOfPath(path: string): ApiSide {
  if (path.startsWith("/messaging")) return "property";
  if (path.startsWith("/token-based-authentication")) return "token";
  if (path.startsWith("/demand")) return "guest";
  if (path.startsWith("/_sandbox")) return "control";
  return "page";
}

function errorBody(side: ApiSide, error: HttpError): unknown {
  if (side === "guest") return guestErrorBody(error);
  if (side === "property" || side === "token") return propertyErrorBody(error);
  return controlErrorBody(error);
}

function errorReply(side: ApiSide, error: HttpError): Reply {
  return { status: error.status, body: errorBody(side, error), headers: error.headers };
}

async function handleRequest(req: IncomingMessage, res: ServerResponse, parts: ServerParts): Promise<void> {
  const started = performance.now();
  const method = (req.method ?? "GET").toUpperCase();
  let url: URL;
  try {
    url = new URL(req.url ?? "/", "http://sandbox.invalid");
  } catch {
    url = new URL("http://sandbox.invalid/");
  }
  const path = url.pathname;
  const match = parts.router.match(method, path);
  const side = match && "route" in match ? match.route.side : sideOfPath(path);
  const send = (reply: Reply): void => writeReply(res, reply, started, parts.options.logRequests ? `${method} ${path}` : null);

  let rawBody: Buffer;
  try {
    rawBody = await readBody(req, MAX_BODY_BYTES);
  } catch {
    send(errorReply(side, new HttpError(413, "payload_too_large", `The request body is larger than ${MAX_BODY_BYTES} bytes.`)));
    return;
  }

  if (!match) {
    if (path === "/") {
      send({ status: 302, text: "", headers: { Location: "/guest" } });
      return;
    }
    send(errorReply(side, new HttpError(404, "not_found", `No such endpoint: ${method} ${path}`)));
    return;
  }
  if (!("route" in match)) {
    send(errorReply(side, methodNotAllowed(match.allowed)));
    return;
  }

  const { route, params } = match;
  const isApi = route.side === "property" || route.side === "guest" || route.side === "token";
  const fired: FaultRule[] = isApi ? parts.faults.fire(route.endpoint, method, path) : [];
  const ctx: RequestContext = { req, method, path, query: url.searchParams, params, rawBody, world: parts.world(), options: parts.options, faults: fired };

  const latency = fired.filter((rule) => rule.mode === "latency").reduce((sum, rule) => sum + rule.latencyMs, 0);
  if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
  const terminal = fired.find((rule) => rule.mode === "error_500" || rule.mode === "rate_limit" || rule.mode === "hang" || rule.mode === "drop" || rule.mode === "malformed_json");

  if (terminal && !terminal.afterApply) {
    actOnFault(terminal, route, null, res, req, parts, send);
    return;
  }
  const reply = await runHandler(route, ctx);
  if (terminal) {
    actOnFault(terminal, route, reply, res, req, parts, send);
    return;
  }
  send(reply);
}

async function runHandler(route: Route, ctx: RequestContext): Promise<Reply> {
  try {
    if (route.side === "control") checkControlToken(ctx);
    return await route.handler(ctx);
  } catch (error) {
    if (error instanceof HttpError) return errorReply(route.side, error);
    // A bug in the sandbox, never the client's input: say so loudly.
    console.error(`sandbox: ${ctx.method} ${ctx.path} failed:`, error);
    return errorReply(route.side, new HttpError(500, "server_error", INTERNAL_SERVER_ERROR));
  }
}

function actOnFault(
  rule: FaultRule,
  route: Route,
  reply: Reply | null,
  res: ServerResponse,
  req: IncomingMessage,
  parts: ServerParts,
  send: (reply: Reply) => void,
): void {
  switch (rule.mode) {
    case "error_500":
      send(errorReply(route.side, new HttpError(500, "server_error", INTERNAL_SERVER_ERROR)));
      return;
    case "rate_limit":
      send(errorReply(route.side, new HttpError(429, "rate_limited", TOO_MANY_REQUESTS, { "Retry-After": String(rule.retryAfterSeconds) })));
      return;
    case "hang":
      // Never answer. The response is kept so close() can end it; a client that gives up closes it.
      parts.hung.add(res);
      res.on("close", () => parts.hung.delete(res));
      return;
    case "drop":
      req.socket.destroy();
      return;
    case "malformed_json": {
      const base = reply ?? { status: 200, body: { meta: {}, data: {} } };
      const text = JSON.stringify(base.body ?? {});
      send({ status: base.status, text: text.slice(0, Math.max(1, Math.floor(text.length / 2))), contentType: "application/json", headers: base.headers });
      return;
    }
    default:
      if (reply) send(reply);
  }
}

function writeReply(res: ServerResponse, reply: Reply, started: number, logLine: string | null): void {
  if (res.destroyed || res.headersSent) return;
  const payload = reply.text ?? JSON.stringify(reply.body ?? {});
  const elapsed = performance.now() - started;
  res.statusCode = reply.status;
  res.setHeader("Content-Type", reply.contentType ?? "application/json; charset=utf-8");
  res.setHeader("Content-Length", Buffer.byteLength(payload));
  res.setHeader("Cache-Control", "no-store");
  // Server-side handling time, so benchmarks can tell the sandbox's cost from the network's.
  res.setHeader("Server-Timing", `sandbox;dur=${elapsed.toFixed(3)}`);
  for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
  res.end(payload);
  if (logLine) console.log(`${logLine} -> ${reply.status} (${elapsed.toFixed(1)} ms)`);
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on("end", () => (tooLarge ? reject(new Error("too large")) : resolve(Buffer.concat(chunks))));
    req.on("error", reject);
  });
}
