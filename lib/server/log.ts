// The server's log: one JSON object a line on standard output (pino), LOG_LEVEL (default info) and above.
import pino from "pino";

export const logger = pino({
  level: process.env.LOG_LEVEL ?? "info",
  base: undefined,
  timestamp: pino.stdTimeFunctions.isoTime,
});
