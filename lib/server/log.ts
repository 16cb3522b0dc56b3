// The server's log: one JSON object a line on standard output (pino), LOG_LEVEL (default info) and above.
import pino from "pino";
import { setting } from "@/lib/env";

export const logger = pino({
  level: setting("LOG_LEVEL"),
  base: undefined,
  timestamp: pino.stdTimeFunctions.isoTime,
});
