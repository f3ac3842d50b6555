// Two staff answering one guest (product.md: "Two staff answering the same guest"). Presence shows a
// colleague replying in Bellhop, but not one who answered a minute ago from a page that had not yet
// shown it, nor one who answered from Booking.com's Extranet or Pulse app, whose reply arrives through
// the queue. So a reply carries the newest reply to the guest its page shows (`seenReplyAt`), and is
// refused (409 `replied_since`) when someone else has answered the guest since: checked under the
// conversation's row lock, in the transaction that writes the reply, so of two staff pressing Send at
// once on the same page state the second is told. The composer then shows the other answer and lets
// the staff member send theirs anyway (a reply without `seenReplyAt` is not checked).
import { AppError } from "../api/errors";
import { Prisma } from "../generated/prisma/client";

type Tx = Prisma.TransactionClient;

/**
 * Throws `replied_since` when the conversation has an answer to the guest newer than `seen` (null: the
 * page showed none) by anyone but `viewerId`: a written message from the property side, whether sent
 * here or on Booking.com, not one scheduled for later, not an automatic template or Bellhop's welcome.
 * `seen` undefined: no check. Locks the conversation's row for the rest of the transaction.
 */
export async function assertNoReplySince(tx: Tx, conversationId: string, viewerId: string, seen: string | null | undefined): Promise<void> {
  if (seen === undefined) return;
  await tx.$queryRaw`select 1 from conversations where id = ${conversationId}::uuid for update`;
  const newer = seen === null ? Prisma.empty : Prisma.sql`and m.sent_at > ${new Date(seen)}::timestamptz`;
  const [reply] = await tx.$queryRaw<{ author_name: string | null; from_booking: boolean }[]>`
    select u.name as author_name, m.author_id is null and m.client_key is null as from_booking
    from messages m
    left join users u on u.id = m.author_id
    where m.conversation_id = ${conversationId}::uuid and m.sender_type = 'property' and m.message_type in ('free_text', 'email')
      and m.send_state is distinct from 'scheduled' and m.author_id is distinct from ${viewerId}::uuid
      and not exists (select 1 from outbound_actions a where a.message_id = m.id and a.kind = 'welcome')
      ${newer}
    order by m.sent_at desc
    limit 1`;
  if (!reply) return;
  throw reply.author_name !== null
    ? AppError.worded("replied_since", "repliedSince.named", { values: { name: reply.author_name } })
    : AppError.worded("replied_since", reply.from_booking ? "repliedSince.onBooking" : "repliedSince.colleague");
}
