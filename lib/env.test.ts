import { describe, expect, it } from "vitest";
import { EnvError, parseEnv, serverEnvSchema, startEnvSchema } from "./env";

const valid = { DATABASE_URL: "postgresql://u:p@127.0.0.1:5432/bellhop", AUTH_SECRET: "x".repeat(32), SECRETS_KEY: "ab".repeat(32) };

describe("environment validation", () => {
  it("accepts a complete environment and applies defaults", () => {
    const env = parseEnv(serverEnvSchema, valid);
    expect(env.DATABASE_URL).toBe(valid.DATABASE_URL);
    expect(env.NODE_ENV).toBe("development");
  });

  it("names a missing variable in one line", () => {
    expect(() => parseEnv(serverEnvSchema, { AUTH_SECRET: valid.AUTH_SECRET, SECRETS_KEY: valid.SECRETS_KEY })).toThrowError(
      new EnvError("Invalid environment variable DATABASE_URL: is required but not set"),
    );
  });

  it("treats an empty value as unset", () => {
    expect(() => parseEnv(serverEnvSchema, { ...valid, DATABASE_URL: "" })).toThrow(/DATABASE_URL: is required/);
  });

  it("names an invalid variable and says what is wrong with it", () => {
    expect(() => parseEnv(serverEnvSchema, { ...valid, AUTH_SECRET: "short" })).toThrow(/AUTH_SECRET: must be at least 32 characters/);
    expect(() => parseEnv(serverEnvSchema, { ...valid, DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL: must be a postgres/);
    expect(() => parseEnv(serverEnvSchema, { ...valid, SECRETS_KEY: "abc" })).toThrow(/SECRETS_KEY: must be 32 bytes/);
  });

  it("validates the start script's ports", () => {
    expect(parseEnv(startEnvSchema, {}).PORT).toBe(3000);
    expect(parseEnv(startEnvSchema, { PORT: "8080" }).PORT).toBe(8080);
    expect(() => parseEnv(startEnvSchema, { PORT: "eighty" })).toThrow(/^Invalid environment variable PORT: (?!is required)/);
    expect(() => parseEnv(startEnvSchema, { SANDBOX_PORT: "70000" })).toThrow(/SANDBOX_PORT/);
  });
});
