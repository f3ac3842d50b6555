import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, parseSecretsKey, SecretDecryptionError } from "./secrets";

const key = randomBytes(32);

describe("secrets at rest", () => {
  it("round-trips and never contains the plaintext", () => {
    const sealed = encryptSecret("sandbox-password", key);
    expect(sealed).toMatch(/^v1:/);
    expect(sealed).not.toContain("sandbox-password");
    expect(decryptSecret(sealed, key)).toBe("sandbox-password");
  });

  it("uses a fresh IV each time", () => {
    expect(encryptSecret("same", key)).not.toBe(encryptSecret("same", key));
  });

  it("refuses a wrong key or tampered data with a clear error", () => {
    const sealed = encryptSecret("secret", key);
    expect(() => decryptSecret(sealed, randomBytes(32))).toThrow(SecretDecryptionError);
    const [v, iv, tag, data] = sealed.split(":");
    const flipped = Buffer.from(data!, "base64url");
    flipped[0] = flipped[0]! ^ 1;
    expect(() => decryptSecret([v, iv, tag, flipped.toString("base64url")].join(":"), key)).toThrow(/could not be decrypted/);
    expect(() => decryptSecret("plaintext", key)).toThrow(SecretDecryptionError);
  });

  it("accepts keys as hex or base64 and rejects other lengths", () => {
    expect(parseSecretsKey(key.toString("hex")).equals(key)).toBe(true);
    expect(parseSecretsKey(key.toString("base64")).equals(key)).toBe(true);
    expect(() => parseSecretsKey("too-short")).toThrow(/32 bytes/);
  });
});
