// Shared set-up for lib/admin integration tests: an admin viewer and connection input for a sandbox.
import type { Viewer } from "../auth/guard";
import { loadViewer } from "../auth/guard";
import { db } from "../db";
import type { ConnectionInput } from "./connection.validation";

export async function createAdminViewer(email = "boss@bellhop.test"): Promise<Viewer> {
  const user = await db().user.create({ data: { email, name: "Boss", role: "admin", passwordHash: "not-used-here" } });
  return loadViewer(user.id);
}

export function sandboxConnectionInput(messagingBaseUrl: string, overrides: Partial<ConnectionInput> = {}): ConnectionInput {
  return {
    name: "Sandbox",
    baseUrl: messagingBaseUrl,
    authType: "basic",
    username: "bellhop-sandbox",
    password: "sandbox-password",
    clientId: undefined,
    clientSecret: undefined,
    tokenUrl: undefined,
    apiVersion: "1.2",
    pollIntervalSeconds: 30,
    enabled: true,
    ...overrides,
  };
}
