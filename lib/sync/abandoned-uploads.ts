// Images staff uploaded for a reply that was never sent. An upload is stored at once (its bytes in
// attachments.content, no message yet) so that Send does not wait for it, and a draft keeps it by id
// across reloads (components/inbox/reply-drafts.ts, dropped after 14 days). One that no reply took within
// ABANDONED_AFTER_DAYS is deleted by the worker's housekeeping, so abandoned photos do not pile up in
// Postgres. A reply that still names one is refused with "Upload it again" (lib/sync/outbound/enqueue.ts).
import { queryRows } from "../sql-pool";
import { Prisma } from "../generated/prisma/client";

/** Twice a draft's lifetime: a kept draft never loses its images. */
export const ABANDONED_AFTER_DAYS = 30;
/** Per pass, so one housekeeping tick stays short however many there are. */
const BATCH = 500;

/** Deletes up to BATCH abandoned uploads (never one a message took, nor a guest's); returns how many. */
export async function deleteAbandonedUploads(now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - ABANDONED_AFTER_DAYS * 24 * 60 * 60 * 1000);
  const rows = await queryRows<{ id: string }>(Prisma.sql`
    delete from attachments where id in (
      select id from attachments
      where message_id is null and booking_id is null and created_at < ${cutoff}
      limit ${BATCH}
      for update skip locked)
    returning id`);
  return rows.length;
}
