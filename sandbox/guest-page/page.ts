import type { Reply, RequestContext, Route } from "../http/router";
import { guestPageScript } from "./script";
import { guestPageStyles } from "./styles";

// The guest's side of the conversation, as a plain server-rendered page (no build step). It talks to
// the sandbox only through the guest-side API (/demand/3.1/messages/…) with the affiliate's headers,
// exactly as a Demand API partner app would, so it exercises the same code paths as the tests.

const MAX_LISTED = 300;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char] ?? char);
}

function renderPage(ctx: RequestContext): Reply {
  const affiliates = [...ctx.world.affiliates.values()];
  const requested = Number(ctx.query.get("affiliate"));
  const affiliate = affiliates.find((candidate) => candidate.id === requested) ?? affiliates[0];
  if (!affiliate) return { status: 500, text: "No affiliate configured", contentType: "text/plain; charset=utf-8" };
  const selected = ctx.query.get("conversation") ?? "";
  const conversations = [...ctx.world.conversations.values()]
    .filter((conversation) => conversation.affiliateId === affiliate.id)
    .sort((a, b) => b.lastActivityMs - a.lastActivityMs)
    .slice(0, MAX_LISTED);
  const options = conversations
    .map((conversation) => {
      const property = ctx.world.properties.get(conversation.propertyId);
      const label = `${conversation.guest.name} · ${property?.name ?? conversation.propertyId} · ${conversation.stay.checkin} → ${conversation.stay.checkout} · ${conversation.reservationId ?? `request ${conversation.reference}`}`;
      return `<option value="${escapeHtml(conversation.id)}" data-accommodation="${conversation.propertyId}"${conversation.id === selected ? " selected" : ""}>${escapeHtml(label)}</option>`;
    })
    .join("\n");
  const config = JSON.stringify({ affiliateId: affiliate.id, token: affiliate.token, apiBase: "/demand/3.1/messages" }).replace(/</g, "\\u003c");
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Guest messages · Booking.com sandbox</title>
<link rel="stylesheet" href="/guest/styles.css">
</head>
<body>
<header class="top">
  <h1>Guest messages</h1>
  <p class="note">Booking.com sandbox · you are the guest (affiliate ${affiliate.id})</p>
</header>
<main>
  <section aria-labelledby="pick-heading" class="pick">
    <h2 id="pick-heading">Reservation</h2>
    <label for="reservation">Choose a reservation</label>
    <select id="reservation" name="reservation" data-testid="reservation-select">
      <option value="">— choose —</option>
      ${options}
    </select>
    <p class="hint">Showing the ${conversations.length} most recently active of this affiliate's reservations.</p>
  </section>
  <section aria-labelledby="thread-heading" class="thread" data-testid="thread-section" hidden>
    <h2 id="thread-heading">Conversation</h2>
    <p id="stay" class="stay" data-testid="stay"></p>
    <ol id="thread" class="messages" aria-label="Messages" data-testid="thread"></ol>
    <form id="compose" class="compose" aria-label="Write to the property" data-testid="compose">
      <label for="message">Your message</label>
      <textarea id="message" name="message" rows="3" required data-testid="message-input"></textarea>
      <label for="image">Image (optional, JPEG or PNG, at most 1 MB)</label>
      <input id="image" name="image" type="file" accept="image/png,image/jpeg" data-testid="image-input">
      <button type="submit" data-testid="send-button">Send</button>
    </form>
  </section>
  <p id="status" role="status" aria-live="polite" data-testid="status"></p>
  <p id="error" role="alert" class="error" data-testid="error"></p>
</main>
<script type="application/json" id="guest-config">${config}</script>
<script src="/guest/app.js"></script>
</body>
</html>`;
  return { status: 200, text: html, contentType: "text/html; charset=utf-8" };
}

export const guestPageRoutes: Route[] = [
  { method: "GET", pattern: "/guest", endpoint: "page.guest", side: "page", handler: renderPage },
  { method: "GET", pattern: "/guest/app.js", endpoint: "page.script", side: "page", handler: () => ({ status: 200, text: guestPageScript, contentType: "text/javascript; charset=utf-8" }) },
  // Browsers ask for it; an empty answer keeps their consoles free of 404s.
  { method: "GET", pattern: "/favicon.ico", endpoint: "page.favicon", side: "page", handler: () => ({ status: 204, text: "", contentType: "image/x-icon" }) },
  { method: "GET", pattern: "/guest/styles.css", endpoint: "page.styles", side: "page", handler: () => ({ status: 200, text: guestPageStyles, contentType: "text/css; charset=utf-8" }) },
];
