// Housekeeping deletes images uploaded for a reply that never went, once abandoned, and nothing else:
// not a recent upload (a draft may still hold it), not one a reply took, not a guest's. A reply whose
// image went in between its check and its write is refused whole, never sent without the image.
import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { AppError } from "@/lib/api/errors";
import { listedConversation } from "@/tests/conversations";
import { resetToHarbourTeam } from "@/tests/viewers";
import { db } from "../db";
import { ABANDONED_AFTER_DAYS, deleteAbandonedUploads } from "./abandoned-uploads";
import { createReplyIn } from "./outbound/create-reply";

const DAY = 24 * 60 * 60 * 1000;
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe("abandoned uploads", () => {
  let conversationId: string;
  beforeEach(async () => {
    await resetToHarbourTeam();
    conversationId = (await listedConversation({ propertyId: "111" })).id;
  });

  const upload = (ageDays: number, extra: { bookingId?: string; messageId?: string } = {}) =>
    db().attachment.create({ data: { conversationId, fileName: "photo.png", fileType: "image/png", fileSize: PNG.byteLength, content: PNG, createdAt: new Date(Date.now() - ageDays * DAY), ...extra } });

  it("are deleted once older than the limit; a recent upload, one a reply took and a guest's stay", async () => {
    const abandoned = await upload(ABANDONED_AFTER_DAYS + 1);
    const recent = await upload(ABANDONED_AFTER_DAYS - 1);
    const guests = await upload(ABANDONED_AFTER_DAYS + 5, { bookingId: `booking-${randomUUID()}` });
    const message = await db().message.create({ data: { conversationId, propertyId: "111", senderType: "property", content: "The view", sentAt: new Date(), sendState: "sent" } });
    const sent = await upload(ABANDONED_AFTER_DAYS + 5, { messageId: message.id });

    expect(await deleteAbandonedUploads()).toBe(1);
    const left = (await db().attachment.findMany({ select: { id: true } })).map((row) => row.id).sort();
    expect(left).toEqual([recent.id, guests.id, sent.id].sort());
    expect(left).not.toContain(abandoned.id);
    expect(await deleteAbandonedUploads()).toBe(0);
  });

  it("a reply whose image is gone by the time it is written is refused, and nothing of it is written", async () => {
    const gone = await upload(ABANDONED_AFTER_DAYS + 1);
    const kept = await upload(0);
    await deleteAbandonedUploads();
    const write = db().$transaction((tx) =>
      createReplyIn(tx, { conversationId, propertyId: "111", content: "Here is the entrance.", clientKey: randomUUID(), kind: "reply", authorId: null, senderName: null, attachmentIds: [kept.id, gone.id] }),
    );
    await expect(write).rejects.toSatisfy((error) => error instanceof AppError && error.code === "bad_request" && /Upload it again/.test(error.message));
    expect(await db().message.count({ where: { conversationId } })).toBe(0);
    expect(await db().outboundAction.count()).toBe(0);
    expect((await db().attachment.findUniqueOrThrow({ where: { id: kept.id } })).messageId).toBeNull();
  });
});
