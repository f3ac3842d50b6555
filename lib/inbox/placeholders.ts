// Saved replies with placeholders: {guest_name}, {property_name}, {reservation_number}. Rendering
// never guesses: a placeholder without a value stays visible and is reported as missing, so the
// composer can highlight it and block sending until the staff member fills it in.

export const PLACEHOLDERS = {
  guest_name: "The guest's name",
  property_name: "The property's name",
  reservation_number: "The reservation number",
} as const;

export type PlaceholderName = keyof typeof PLACEHOLDERS;
export type PlaceholderValues = Partial<Record<PlaceholderName, string | null | undefined>>;

export type RenderedReply = {
  text: string;
  /** Placeholders left in `text` because no value was known, in order of first appearance. */
  missing: string[];
  /** Names in braces that are not placeholders at all (probably typos), for the editor to flag. */
  unknown: string[];
};

const TOKEN = /\{([a-z_]+)\}/g;

export function isPlaceholderName(name: string): name is PlaceholderName {
  return Object.hasOwn(PLACEHOLDERS, name);
}

export function renderReply(template: string, values: PlaceholderValues): RenderedReply {
  const missing: string[] = [];
  const unknown: string[] = [];
  const text = template.replace(TOKEN, (token, name: string) => {
    if (!isPlaceholderName(name)) {
      if (!unknown.includes(name)) unknown.push(name);
      return token;
    }
    const value = values[name]?.trim();
    if (value) return value;
    if (!missing.includes(name)) missing.push(name);
    return token;
  });
  return { text, missing, unknown };
}

/** The placeholders (known or not) still present in a text, e.g. after the staff member edited it. */
export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(TOKEN)].map((match) => match[1]!))];
}
