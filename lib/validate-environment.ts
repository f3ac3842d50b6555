import { EnvError, serverEnv } from "./env";

/** Validate before serving anything: a bad variable stops the server with one line naming it. */
export function validateEnvironmentOrExit(): void {
  try {
    serverEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(`[bellhop] ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}
