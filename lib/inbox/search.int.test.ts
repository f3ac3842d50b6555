// Search over conversation_search_terms (the per-conversation words kept by triggers) against a real
// Postgres: words are searchable right after the sync engine's own batch insert, accents and case are
// ignored, redelivered messages change nothing, deleted messages and renamed guests are recomputed,
// and both query strategies (the walk in list order and the GIN branch for rare words) page alike.
import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { loadViewer, type Viewer } from "@/lib/auth/guard";
import { db } from "@/lib/db";
import type { IncomingMessage } from "@/lib/sync/incoming";
import { storeBatch } from "@/lib/sync/store-messages";
import { resetDatabase } from "@/tests/database";
import { listConversations, SEARCH_WALK_LIMIT } from "./list-conversations";
import { listConversationsQuery, type ListConversationsInput } from "./schemas";

const T0 = Date.parse("2026-03-01T12:00:00Z");

const list = (viewer: Viewer, input: Partial<ListConversationsInput> = {}) => listConversations(viewer, listConversationsQuery.parse(input));
const ids = async (viewer: Viewer, q: string, input: Partial<ListConversationsInput> = {}) => (await list(viewer, { ...input, q })).items.map((item) => item.id);

function guestMessage(conversationBookingId: string, content: string, at: number): IncomingMessage {
  return {
    bookingId: randomUUID(),
    conversationBookingId,
    senderType: "guest",
    senderParticipantId: "guest-1",
    senderName: "Guest",
    messageType: "free_text",
    content,
    attributes: null,
    sentAt: new Date(at),
    attachmentIds: [],
  };
}

async function termsOf(conversationId: string): Promise<string[]> {
  const rows = await db().$queryRaw<{ word: string }[]>`
    select unnest(tsvector_to_array(terms)) as word from conversation_search_terms where conversation_id = ${conversationId}::uuid`;
  return rows.map((row) => row.word).sort();
}

describe("inbox search over conversation_search_terms", () => {
  let admin: Viewer;

  beforeEach(async () => {
    await resetDatabase();
    await db().property.createMany({ data: [{ id: "111", name: "Harbour Hotel" }, { id: "222", name: "Mountain Inn" }] });
    const created = await db().user.create({ data: { email: `${randomUUID()}@bellhop.test`, name: "Admin", role: "admin", passwordHash: "x" } });
    admin = await loadViewer(created.id);
  });

  it("finds a message's words right after the sync engine stored it, ignoring accents and case", async () => {
    const bookingId = randomUUID();
    const facts = [{ bookingId, propertyId: "111", type: "reservation" as const, reference: "4338284887", guestName: "Zoë Østergaard" }];
    const first = await storeBatch({ facts, messages: [guestMessage(bookingId, "Où est le parking souterrain ?", T0)] });
    expect(first.inserted).toBe(1);
    const [stored] = await db().conversation.findMany({ where: { bookingId } });

    expect(await ids(admin, "souterrain")).toEqual([stored!.id]);
    expect(await ids(admin, "OU EST")).toEqual([stored!.id]);
    expect(await ids(admin, "zoe")).toEqual([stored!.id]);
    // Words of the name and of a message in one query.
    expect(await ids(admin, "zoe parking")).toEqual([stored!.id]);

    // A later batch adds its words; the same message delivered again (ON CONFLICT DO NOTHING) adds nothing.
    const later = guestMessage(bookingId, "Gracias por la información", T0 + 60_000);
    await storeBatch({ facts: [], messages: [later, guestMessage(bookingId, "Frühstück um acht?", T0 + 120_000)] });
    const before = await termsOf(stored!.id);
    const again = await storeBatch({ facts: [], messages: [later] });
    expect(again).toMatchObject({ inserted: 0, duplicates: 1 });
    expect(await termsOf(stored!.id)).toEqual(before);
    expect(await ids(admin, "informacion")).toEqual([stored!.id]);
    expect(await ids(admin, "fruhstuck")).toEqual([stored!.id]);
    expect(await ids(admin, "souterrain gracias")).toEqual([stored!.id]);
    expect(await ids(admin, "souterrain nowhere")).toEqual([]);
  });

  it("says which message matched: the newest one with any of the words, accents ignored; none when the name or number did", async () => {
    const bookingId = randomUUID();
    await storeBatch({
      facts: [{ bookingId, propertyId: "111", type: "reservation", reference: "4338284888", guestName: "Zoë Østergaard" }],
      messages: [
        guestMessage(bookingId, "Is there a garage for the car?", T0),
        guestMessage(bookingId, "Où est le café le plus proche ?", T0 + 1000),
        guestMessage(bookingId, "Merci, and the garage closes when?", T0 + 2000),
        guestMessage(bookingId, "See you tomorrow", T0 + 3000),
      ],
    });
    const hitOf = async (q: string) => (await list(admin, { q })).items[0]?.searchHit;
    const garage = await hitOf("garage");
    expect(garage).toEqual({ messageId: expect.any(String), content: "Merci, and the garage closes when?", cut: false, sentAt: new Date(T0 + 2000).toISOString(), sender: "guest" });
    expect(await hitOf("CAFE")).toMatchObject({ content: "Où est le café le plus proche ?" });
    // Several words: the conversation has them all, the newest message with any of them is shown.
    expect(await hitOf("cafe garage")).toMatchObject({ content: "Merci, and the garage closes when?" });
    expect(await hitOf("zoe")).toBeNull();
    expect(await hitOf("4338284888")).toBeNull();
    // Only searches say it: a plain list row has no such field.
    expect((await list(admin)).items[0]).not.toHaveProperty("searchHit");

    // A long message travels as 400 characters from a little before the first word found, accents and
    // case ignored (the unaccented text's positions match the original's here).
    const long = `${"Lorem ipsum dolor sit amet. ".repeat(40)}Is the Château's PARKING free? ${"Consectetur adipiscing elit. ".repeat(40)}`;
    await storeBatch({ facts: [], messages: [guestMessage(bookingId, long, T0 + 4000)] });
    const cut = await hitOf("chateau parking");
    expect(cut).toMatchObject({ cut: true });
    expect(cut!.content).toHaveLength(400);
    expect(cut!.content.indexOf("Château")).toBe(100);
    expect(long).toContain(cut!.content);
  });

  it("matches exactly what the messages hold: a deleted message's words go, a renamed guest is found by the new name", async () => {
    const bookingId = randomUUID();
    await storeBatch({
      facts: [{ bookingId, propertyId: "111", type: "reservation", reference: "5550001", guestName: "Pieter de Vries" }],
      messages: [guestMessage(bookingId, "Do you have a crib?", T0), guestMessage(bookingId, "And a late checkout", T0 + 1000)],
    });
    const conversation = await db().conversation.findUniqueOrThrow({ where: { bookingId } });
    expect(await ids(admin, "crib")).toEqual([conversation.id]);

    await db().message.deleteMany({ where: { conversationId: conversation.id, content: { contains: "crib" } } });
    expect(await ids(admin, "crib")).toEqual([]);
    expect(await ids(admin, "checkout")).toEqual([conversation.id]);

    await db().conversation.update({ where: { id: conversation.id }, data: { guestName: "Jan Kowalski" } });
    expect(await ids(admin, "kowalski")).toEqual([conversation.id]);
    expect(await ids(admin, "vries")).toEqual([]);
    expect(await ids(admin, "5550001 checkout")).toEqual([conversation.id]);

    // A conversation without messages is found by its name; deleting the conversation removes its row.
    const quiet = await db().conversation.create({ data: { bookingId: randomUUID(), propertyId: "222", type: "reservation", reference: "777", guestName: "Olivia Wilson" } });
    expect(await ids(admin, "olivia")).toEqual([quiet.id]);
    await db().conversation.delete({ where: { id: conversation.id } });
    expect(await db().$queryRaw<unknown[]>`select 1 from conversation_search_terms where conversation_id = ${conversation.id}::uuid`).toEqual([]);
  });

  it("gives the same pages whether the walk in list order or the GIN branch answers", async () => {
    // More conversations than the walk checks: "common" in every third one, "rare" only in the oldest few.
    const count = SEARCH_WALK_LIMIT + 200;
    await db().$executeRaw`
      insert into conversations (id, booking_id, property_id, type, reference, guest_name, last_message_at, updated_at)
      select gen_random_uuid(), 'walk-' || i, case when i % 2 = 0 then '111' else '222' end, 'reservation', (9000000 + i)::text, 'Guest ' || i,
             ${new Date(T0)}::timestamptz - (i || ' minutes')::interval, now()
      from generate_series(1, ${count}::int) as i`;
    await db().$executeRaw`
      insert into messages (id, booking_id, conversation_id, property_id, sender_type, content, sent_at)
      select gen_random_uuid(), 'walk-m-' || c.booking_id, c.id, c.property_id, 'guest',
             case when substr(c.booking_id, 6)::int > ${count - 5}::int then 'a rare wörd' when substr(c.booking_id, 6)::int % 3 = 0 then 'the common word' else 'nothing' end,
             c.last_message_at
      from conversations c where c.booking_id like 'walk-%'`;
    const expected = async (where: string) =>
      (await db().$queryRawUnsafe<{ id: string }[]>(`select c.id from conversations c join messages m on m.conversation_id = c.id where ${where} order by c.last_message_at desc, c.id`)).map(
        (row) => row.id,
      );

    // Common: the walk fills the page. Paging with the cursor yields every match once, in order.
    const common = await expected(`m.content like '%common%'`);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await list(admin, { q: "common", limit: 100, cursor });
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(common);

    // Rare: beyond the walk, so the GIN branch answers; accents still ignored.
    const rare = await expected(`m.content like '%rare%'`);
    expect(rare).toHaveLength(5);
    expect(await ids(admin, "WORD RARE")).toEqual(rare);
    expect(await ids(admin, "rare word", { limit: 2 })).toEqual(rare.slice(0, 2));

    // The scope applies to both branches.
    const staffRow = await db().user.create({ data: { email: `${randomUUID()}@bellhop.test`, name: "Staff", role: "staff", passwordHash: "x", access: { create: [{ propertyId: "111" }] } } });
    const staff = await loadViewer(staffRow.id);
    expect(await ids(staff, "rare")).toEqual(await expected(`m.content like '%rare%' and c.property_id = '111'`));
    expect((await ids(staff, "common", { limit: 100 })).length).toBe(100);
    expect(await ids(staff, "common", { limit: 100 })).toEqual((await expected(`m.content like '%common%' and c.property_id = '111'`)).slice(0, 100));
  });

  it("finds words spread over a long thread's chunks, in both strategies", async () => {
    // Old filler conversations push the long threads out of the walk or keep them in it.
    await db().$executeRaw`
      insert into conversations (id, booking_id, property_id, type, reference, guest_name, last_message_at, updated_at)
      select gen_random_uuid(), 'filler-' || i, '111', 'reservation', (7000000 + i)::text, 'Filler', ${new Date(T0)}::timestamptz - (i || ' minutes')::interval, now()
      from generate_series(1, ${SEARCH_WALK_LIMIT + 50}::int) as i`;
    const thread = async (bookingId: string, at: number) => {
      await storeBatch({ facts: [{ bookingId, propertyId: "111", type: "reservation", reference: bookingId.slice(0, 8), guestName: "Long Stay" }], messages: [] });
      // 300 distinct words in 30 messages, stored one batch at a time as the queue delivers them.
      for (let batch = 0; batch < 30; batch++) {
        const words = Array.from({ length: 10 }, (_, index) => `topic${batch * 10 + index}`);
        await storeBatch({ facts: [], messages: [guestMessage(bookingId, `${words.join(" ")} topic0 again`, at + batch)] });
      }
      return db().conversation.findUniqueOrThrow({ where: { bookingId } });
    };
    const newest = [await thread(randomUUID(), T0 + 3 * 60_000), await thread(randomUUID(), T0 + 2 * 60_000), await thread(randomUUID(), T0 + 60_000)];
    const oldest = await thread(randomUUID(), T0 - 10 * 86_400_000);
    await db().conversation.update({ where: { id: oldest.id }, data: { lastMessageAt: new Date(T0 - 10 * 86_400_000) } });

    const chunks = await db().$queryRaw<{ chunk: number; words: number }[]>`
      select chunk, length(terms) as words from conversation_search_terms where conversation_id = ${oldest.id}::uuid order by chunk`;
    expect(chunks.length).toBeGreaterThan(2);
    expect(chunks.every((row) => row.words <= 32)).toBe(true);
    // Every word is there; only a word missing from the last chunk may be stored again (e.g. "again").
    const words = await termsOf(oldest.id);
    for (let index = 0; index < 300; index++) expect(words).toContain(`topic${index}`);
    expect(words.length).toBeLessThan(300 + 10 * chunks.length);

    // "topic3" sorts into the first chunk, "topic299" into a later one: the union of chunks matches.
    const all = [...newest, oldest].map((row) => row.id);
    expect(await ids(admin, "topic3 topic299")).toEqual(all);
    // limit 2: the walk finds three matches among the newest and answers alone.
    expect(await ids(admin, "topic3 topic299", { limit: 2 })).toEqual(all.slice(0, 2));
    // Only the oldest: beyond the walk, the GIN branch must join its chunks.
    await storeBatch({ facts: [], messages: [guestMessage(oldest.bookingId, "zebra", T0 - 10 * 86_400_000)] });
    expect(await ids(admin, "zebra topic3 long")).toEqual([oldest.id]);
    expect(await ids(admin, "zebra topic3 nowhere")).toEqual([]);
  });
});
