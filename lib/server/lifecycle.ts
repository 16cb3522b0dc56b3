import { parseSettings, SettingsError } from "@/lib/env";
import { logger } from "./log";

// The app server's life: what it needs before it serves, and its orderly end.
const required = ["DATABASE_URL", "SITE_URL", "FORM_SECRET", "NEXT_SERVER_ACTIONS_ENCRYPTION_KEY"] as const;

const state = globalThis as unknown as { draining?: boolean };

// The settings a production server cannot run without, missing or empty; [] when all are there
export function missingSettings(environment: NodeJS.ProcessEnv = process.env): string[] {
  return required.filter((name) => !environment[name]?.trim());
}

// A server with a wrong setting ends at once, naming it and what is wrong; a production server also ends without the
// settings it cannot run without (a development server runs with the defaults)
export function refuseToStartWithoutSettings() {
  try {
    parseSettings();
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    logger.fatal({ problems: error.problems }, `Not starting: ${error.message}`);
    process.exit(1);
  }
  const missing = missingSettings();
  if (!missing.length || process.env.NODE_ENV !== "production") return;
  logger.fatal({ missing }, `Not starting: ${missing.join(", ")} must be set (docs/deployment-and-operations.md).`);
  process.exit(1);
}

// Whether the server has been told to stop (it then reports itself not ready, so a load balancer sends no more)
export function isDraining(): boolean {
  return state.draining === true;
}

// On SIGTERM or SIGINT: report not ready and run the given stops. Next's own handler stops accepting connections,
// finishes the requests in flight and their after() work, then ends the process.
export function onShutdown(stops: (() => void | Promise<void>)[]) {
  const stop = () => {
    if (state.draining) return;
    state.draining = true;
    for (const fn of stops)
      void Promise.resolve()
        .then(fn)
        .catch(() => {});
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}
