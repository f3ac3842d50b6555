// The Extranet "messaging security link setting": links whose host is not on the property's
// allowlist are removed from message content, both for the guest and in API responses
// (managing-messages and managing-conversations pages). We filter when content is shown, not when it
// is stored, so changing the allowlist changes what every reader sees, like a setting would.

const LINK_PATTERN = /\b(?:https?:\/\/|www\.)[^\s<>"')\]]+/gi;

export function hostOfLink(link: string): string | null {
  try {
    const url = new URL(/^https?:\/\//i.test(link) ? link : `http://${link}`);
    return url.hostname.toLowerCase();
  } catch {
    return null;
  }
}

function isAllowed(host: string, allowlist: readonly string[]): boolean {
  return allowlist.some((entry) => {
    const allowed = entry.toLowerCase().replace(/^\*\./, "");
    return host === allowed || host.endsWith(`.${allowed}`);
  });
}

export function removeUnapprovedLinks(content: string, allowlist: readonly string[]): string {
  // Fast path: most messages have no link at all.
  if (!/https?:\/\/|www\./i.test(content)) return content;
  let removed = false;
  const filtered = content.replace(LINK_PATTERN, (link) => {
    const trimmed = link.replace(/[.,;:!?]+$/, "");
    const host = hostOfLink(trimmed);
    if (host !== null && isAllowed(host, allowlist)) return link;
    removed = true;
    return link.slice(trimmed.length);
  });
  // Tidy only the gaps the removed links left behind.
  return removed ? filtered.replace(/[ \t]{2,}/g, " ").replace(/^[ \t]+|[ \t]+$/gm, "") : filtered;
}
