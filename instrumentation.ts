// Runs once when the Next.js server starts: validate the environment before serving anything, so a
// missing or invalid variable stops the process with one line naming it (not a 500 at first use).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { EnvError, serverEnv } = await import("./lib/env");
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
