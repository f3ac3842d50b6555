// The web server's half of scripts/start.ts's supervision (the worker and the sandbox have their own):
// it stops when the process that started it is gone. Kept apart from instrumentation.ts so the Edge
// build never sees process.exit.
import { whenParentExits } from "./orphan-watch";

export function stopWhenSupervisorExits(): void {
  whenParentExits(() => {
    console.log("[bellhop] npm start went away; stopping the web server");
    process.exit(0);
  });
}
