import type { Json } from "./support";

// Compares the *shape* of a response with a documented example: every key of the example must be
// present in the response with the same JSON type, recursively. Extra keys in the response are
// allowed (the simulator adds documented fields that a given example happens to omit). For arrays,
// every element of the example must match at least one element of the response, so an example
// with several kinds of element is checked against all of them.

function kind(value: Json | undefined): string {
  if (value === undefined) return "missing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

export function shapeMismatches(expected: Json, actual: Json | undefined, path = "$"): string[] {
  if (kind(expected) !== kind(actual)) return [`${path}: expected ${kind(expected)}, got ${kind(actual)}`];
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (expected.length > 0 && actual.length === 0) return [`${path}: expected a non-empty array`];
    const problems: string[] = [];
    expected.forEach((element, index) => {
      const attempts = actual.map((candidate) => shapeMismatches(element, candidate, `${path}[${index}]`));
      if (!attempts.some((attempt) => attempt.length === 0)) {
        const closest = attempts.sort((a, b) => a.length - b.length)[0] ?? [];
        problems.push(...closest);
      }
    });
    return problems;
  }
  if (expected !== null && typeof expected === "object" && !Array.isArray(expected) && actual !== null && typeof actual === "object" && !Array.isArray(actual)) {
    return Object.entries(expected).flatMap(([key, value]) => shapeMismatches(value, actual[key], `${path}.${key}`));
  }
  return [];
}
