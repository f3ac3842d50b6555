import { mkdir, rename, writeFile } from "node:fs/promises";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { VirtualClock } from "./clock";
import { createRng } from "./random";
import type {
  AffiliateRecord,
  ConversationRecord,
  MachineAccountRecord,
  MessageRecord,
  PropertyRecord,
  SearchJobRecord,
} from "./types";
import { World } from "./world";

// The world survives a restart: it is written as one JSON file, atomically (temporary file, then
// rename), debounced after changes and once more on shutdown. If the app's cache and the sandbox
// disagreed after a restart, every sync bug would look like a sandbox bug.
//
// The same document is what GET /_sandbox/snapshot returns. Chunked uploads in progress are not
// kept: after a restart the client must start again from chunk 0, which the real API also demands
// after any chunk error.

export const WORLD_FILE_FORMAT = "bellhop-sandbox-world/1";

export interface WorldDocument {
  format: typeof WORLD_FILE_FORMAT;
  seed: string;
  savedAt: string;
  clock: ReturnType<VirtualClock["snapshot"]>;
  rngState: number;
  tokenSigningKey: string;
  properties: PropertyRecord[];
  accounts: MachineAccountRecord[];
  affiliates: AffiliateRecord[];
  conversations: ConversationRecord[];
  messages: MessageRecord[];
  attachments: { id: string; conversationId: string; fileName: string; fileType: string; createdAtMs: number; base64: string }[];
  searchJobs: SearchJobRecord[];
}

export function worldToDocument(world: World): WorldDocument {
  return {
    format: WORLD_FILE_FORMAT,
    seed: world.seed,
    savedAt: new Date().toISOString(),
    clock: world.clock.snapshot(),
    rngState: world.rng.state,
    tokenSigningKey: world.tokenSigningKey,
    properties: [...world.properties.values()],
    accounts: world.accounts.map((account) => ({
      ...account,
      queue: account.queue.slice(account.queueHead),
      queueHead: 0,
    })),
    affiliates: [...world.affiliates.values()].map((affiliate) => ({ ...affiliate, pending: world.affiliatePendingIds(affiliate.id) })),
    conversations: [...world.conversations.values()],
    messages: [...world.messages.values()],
    attachments: [...world.attachments.values()].map(({ data, ...rest }) => ({ ...rest, base64: data.toString("base64") })),
    searchJobs: [...world.searchJobs.values()],
  };
}

// Only the outer structure is checked: the file is ours, and checking 400,000 messages field by
// field would make start-up slow. A file of another format is refused rather than misread.
const documentShape = z.looseObject({
  format: z.literal(WORLD_FILE_FORMAT),
  seed: z.string(),
  clock: z.object({ mode: z.enum(["running", "frozen"]), offsetMs: z.number(), frozenAtMs: z.number(), lastEventMs: z.number() }),
  rngState: z.number(),
  tokenSigningKey: z.string(),
  properties: z.array(z.looseObject({ id: z.number() })),
  accounts: z.array(z.looseObject({ id: z.string() })),
  affiliates: z.array(z.looseObject({ id: z.number() })),
  conversations: z.array(z.looseObject({ id: z.string() })),
  messages: z.array(z.looseObject({ id: z.string() })),
  attachments: z.array(z.looseObject({ id: z.string(), base64: z.string() })),
  searchJobs: z.array(z.looseObject({ jobId: z.string() })),
});

export function worldFromDocument(input: unknown): World {
  const parsed = documentShape.safeParse(input);
  if (!parsed.success) throw new Error(`not a ${WORLD_FILE_FORMAT} document (${parsed.error.issues[0]?.message ?? "invalid"})`);
  const doc = input as WorldDocument;
  const world = new World(doc.seed, new VirtualClock(doc.clock), createRng(doc.seed, doc.rngState), doc.tokenSigningKey);
  for (const property of doc.properties) world.addProperty(property);
  for (const account of doc.accounts) world.addAccount(account);
  for (const affiliate of doc.affiliates) world.addAffiliate(affiliate);
  for (const message of doc.messages) world.restoreMessage(message);
  for (const conversation of [...doc.conversations].sort((a, b) => a.seq - b.seq)) world.restoreConversation(conversation);
  for (const { base64, ...attachment } of doc.attachments) world.attachments.set(attachment.id, { ...attachment, data: Buffer.from(base64, "base64") });
  for (const job of doc.searchJobs) world.searchJobs.set(job.jobId, job);
  return world;
}

/** Reads a world file; null when there is none. Throws with a clear message when it is unreadable. */
export function loadWorldFile(file: string): World | null {
  if (!existsSync(file)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  return worldFromDocument(parsed);
}

/** Moves an unreadable world file aside so a fresh world can start without destroying evidence. */
export function quarantineWorldFile(file: string): string {
  const aside = `${file}.unreadable-${Date.now()}`;
  renameSync(file, aside);
  return aside;
}

export class WorldWriter {
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();
  private dirty = false;

  constructor(
    private readonly file: string,
    private readonly getWorld: () => World,
    private readonly debounceMs = 200,
  ) {}

  /** Schedules a write; many changes in a burst make one write. */
  markDirty(): void {
    this.dirty = true;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.debounceMs);
    this.timer.unref();
  }

  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    // Writes are chained, so two flushes never race on the temporary file.
    this.writing = this.writing.then(async () => {
      if (!this.dirty) return;
      this.dirty = false;
      const json = JSON.stringify(worldToDocument(this.getWorld()));
      await mkdir(path.dirname(this.file), { recursive: true });
      const temp = `${this.file}.${process.pid}.tmp`;
      await writeFile(temp, json);
      await rename(temp, this.file);
    });
    return this.writing;
  }

  /** For exit paths where nothing async can run any more. */
  flushSync(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.dirty) return;
    this.dirty = false;
    mkdirSync(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(worldToDocument(this.getWorld())));
    renameSync(temp, this.file);
  }
}
