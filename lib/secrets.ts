// Encryption at rest for Booking.com credentials (AES-256-GCM). The key comes from SECRETS_KEY
// (32 bytes, base64 or hex); `npm start` generates one into .data/secrets-key when it is unset.
// Ciphertexts are "v1:<iv>:<tag>:<data>" in base64url, so the format can change later.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { serverEnv } from "./env";

const VERSION = "v1";

export class SecretDecryptionError extends Error {}

export function parseSecretsKey(value: string): Buffer {
  const key = /^[0-9a-f]{64}$/i.test(value) ? Buffer.from(value, "hex") : Buffer.from(value, "base64");
  if (key.length !== 32) throw new Error("SECRETS_KEY must be 32 bytes, as 64 hex characters or base64");
  return key;
}

export function encryptSecret(plaintext: string, key: Buffer = currentKey()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), data.toString("base64url")].join(":");
}

export function decryptSecret(ciphertext: string, key: Buffer = currentKey()): string {
  const [version, iv, tag, data] = ciphertext.split(":");
  if (version !== VERSION || !iv || !tag || data === undefined) throw new SecretDecryptionError("Unrecognised secret format");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    // Wrong key (SECRETS_KEY changed) or tampered data: say so instead of returning garbage.
    throw new SecretDecryptionError("A stored secret could not be decrypted: was SECRETS_KEY changed? Enter the credential again.");
  }
}

function currentKey(): Buffer {
  return parseSecretsKey(serverEnv().SECRETS_KEY);
}
