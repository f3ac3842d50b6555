import { z } from "zod";
import { createRng, type Rng } from "./world/random";

// Fault injection: make the sandbox fail the way a real remote API fails, on purpose, so the app's
// retry, de-duplication and reconciliation code can be tested. Rules match an endpoint name (see
// the route table, e.g. "message.post") or a method + path glob, and fire with a probability
// (seeded, so runs repeat) and/or for the next N matching calls.
//
// Modes:
//   error_500           respond 500 "Internal server error"
//   rate_limit          respond 429 with Retry-After
//   latency             wait latencyMs, then carry on (combines with the others)
//   hang                never answer; the client has to give up (its timeout)
//   drop                destroy the socket: the client sees a reset connection
//   malformed_json      answer with a truncated, unparseable JSON body
//   redeliver_confirmed GET /messages/latest first puts `count` already-confirmed messages back
//   duplicate_in_queue  GET /messages/latest first doubles the first `count` queued messages
// With `afterApply: true`, error_500 / hang / drop / malformed_json happen AFTER the operation has
// been carried out: the message is stored but the client sees a failure. That "ambiguous failure"
// is what makes blind retries double-send.

export const FAULT_MODES = [
  "error_500",
  "rate_limit",
  "latency",
  "hang",
  "drop",
  "malformed_json",
  "redeliver_confirmed",
  "duplicate_in_queue",
] as const;
export type FaultMode = (typeof FAULT_MODES)[number];

const QUEUE_MODES: readonly FaultMode[] = ["redeliver_confirmed", "duplicate_in_queue"];

export const faultRuleSchema = z
  .strictObject({
    id: z.string().min(1).optional(),
    mode: z.enum(FAULT_MODES),
    /** Endpoint name from the route table, e.g. "queue.read", "message.post", "guest.send". */
    endpoint: z.string().min(1).optional(),
    /** HTTP method to match together with `path` (any method when left out). */
    method: z.string().min(1).optional(),
    /** Path glob: `*` matches one segment, `**` any number, e.g. "/messaging/properties/*\/conversations/*". */
    path: z.string().startsWith("/").optional(),
    probability: z.number().min(0).max(1).default(1),
    /** Fire for the next N matching calls, then remove the rule. Unlimited when left out. */
    times: z.number().int().positive().optional(),
    afterApply: z.boolean().default(false),
    latencyMs: z.number().int().min(0).max(600_000).default(1_000),
    retryAfterSeconds: z.number().int().min(0).max(86_400).default(60),
    /** redeliver_confirmed / duplicate_in_queue: how many messages. */
    count: z.number().int().positive().max(1_000).default(1),
  })
  .transform((rule) => (QUEUE_MODES.includes(rule.mode) && !rule.endpoint && !rule.path ? { ...rule, endpoint: "queue.read" } : rule))
  .refine((rule) => rule.endpoint !== undefined || rule.path !== undefined, {
    message: "a fault rule needs `endpoint` or `path` (use path \"/**\" to match every API request)",
  });

export type FaultRuleInput = z.input<typeof faultRuleSchema>;
export type FaultRule = z.output<typeof faultRuleSchema> & { id: string };

export const faultListSchema = z.array(faultRuleSchema);

interface ActiveRule {
  rule: FaultRule;
  remaining: number | null;
  pattern: RegExp | null;
}

export class FaultEngine {
  private rules: ActiveRule[] = [];
  private rng: Rng;
  private nextId = 1;

  constructor(seed: string) {
    this.rng = createRng(`${seed}:faults`);
  }

  add(rules: z.output<typeof faultListSchema>): FaultRule[] {
    const added = rules.map((rule) => ({ ...rule, id: rule.id ?? `fault-${this.nextId++}` }));
    for (const rule of added) {
      this.rules.push({ rule, remaining: rule.times ?? null, pattern: rule.path ? globToRegExp(rule.path) : null });
    }
    return added;
  }

  clear(): void {
    this.rules = [];
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((active) => active.rule.id !== id);
    return this.rules.length < before;
  }

  list(): (FaultRule & { remaining: number | null })[] {
    return this.rules.map((active) => ({ ...active.rule, remaining: active.remaining }));
  }

  /** The rules that fire for this call, in the order they were added. Counts down `times`. */
  fire(endpoint: string, method: string, path: string): FaultRule[] {
    if (this.rules.length === 0) return [];
    const fired: FaultRule[] = [];
    for (const active of this.rules) {
      const { rule } = active;
      const matches =
        (rule.endpoint === undefined || rule.endpoint === endpoint) &&
        (rule.method === undefined || rule.method.toUpperCase() === method) &&
        (active.pattern === null || active.pattern.test(path));
      if (!matches || !this.rng.chance(rule.probability)) continue;
      fired.push(rule);
      if (active.remaining !== null) active.remaining -= 1;
    }
    this.rules = this.rules.filter((active) => active.remaining === null || active.remaining > 0);
    return fired;
  }
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob
    .split("/")
    .map((segment) => (segment === "**" ? "\u0000" : segment.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*")))
    .join("/")
    .replace(/\/\u0000/g, "(?:/.*)?")
    .replace(/\u0000/g, ".*");
  return new RegExp(`^${escaped}/?$`);
}
