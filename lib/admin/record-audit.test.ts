import { describe, expect, it } from "vitest";
import { REDACTED, redactSecrets } from "./record-audit";

describe("redactSecrets", () => {
  it("replaces credential-looking values at any depth and keeps the rest", () => {
    const redacted = redactSecrets({
      name: "Sandbox",
      password: "hunter2-hunter2",
      passwordEncrypted: "v1:abc:def:ghi",
      nested: { clientSecret: "s3cret", token: "abc", list: [{ passwordHash: "$2b$11$x" }] },
      passwordSet: true,
      clientSecretSet: false,
      emptySecret: null,
    });
    expect(redacted).toEqual({
      name: "Sandbox",
      password: REDACTED,
      passwordEncrypted: REDACTED,
      nested: { clientSecret: REDACTED, token: REDACTED, list: [{ passwordHash: REDACTED }] },
      passwordSet: true,
      clientSecretSet: false,
      emptySecret: null,
    });
  });

  it("does not let a string flag pass as a boolean one", () => {
    expect(redactSecrets({ passwordSet: "hunter2" })).toEqual({ passwordSet: REDACTED });
  });

  it("turns dates and bigints into JSON-safe values", () => {
    expect(redactSecrets({ at: new Date("2026-01-02T03:04:05Z"), id: 12n })).toEqual({ at: "2026-01-02T03:04:05.000Z", id: "12" });
  });
});
