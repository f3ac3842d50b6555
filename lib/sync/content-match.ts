// Deciding whether a message Booking.com shows us is the one we sent. Booking.com may rewrite content:
// the property's "messaging security link setting" removes unapproved links, and whitespace can differ.
// So two texts match when they are equal after collapsing whitespace, or equal once links are removed
// from both (we cannot know which links Booking kept).

const LINK = /\b(?:https?:\/\/|www\.)[^\s<>"')\]]+/gi;

export function normaliseWhitespace(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

export function withoutLinks(text: string): string {
  return normaliseWhitespace(text.replace(LINK, " ").replace(/\s+([.,;:!?])/g, "$1"));
}

export function sameMessageContent(ours: string, theirs: string): boolean {
  if (normaliseWhitespace(ours) === normaliseWhitespace(theirs)) return true;
  return withoutLinks(ours) === withoutLinks(theirs);
}

/** First ~140 characters for the inbox list, on one line. */
export function previewOf(content: string): string {
  const line = normaliseWhitespace(content);
  return line.length <= 140 ? line : `${line.slice(0, 139)}…`;
}
