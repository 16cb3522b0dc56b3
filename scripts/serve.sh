#!/bin/sh
# The production server: `next start`, with what the memory measurements in docs/benchmarks.md ("Memory") chose.
# - --experimental-next-config-strip-types: Node loads next.config.ts itself, so the server never loads Next's SWC
#   compiler (about 35 MB resident) just to read its configuration;
# - --max-semi-space-size: V8's young generation grows to 64 MB per semi-space on a large machine, which a server of
#   short-lived requests does not need (NODE_SEMI_SPACE_MB, default 16);
# - --max-old-space-size: with no limit given, Node 24 sizes the old generation from the machine's memory and lets it
#   grow far beyond what is live (about 80 MB, plus at most CACHE_MEMORY_MB of cached pages); a limit of 512 MB keeps
#   the growth in step and still leaves room (NODE_OLD_SPACE_MB, default 512);
# - MALLOC_ARENA_MAX: fewer glibc malloc arenas for the threads that compress and hash (default 2).
# Arguments go to `next start` (-p PORT, -H HOST).
set -e
root=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
export NODE_OPTIONS="--max-semi-space-size=${NODE_SEMI_SPACE_MB:-16} --max-old-space-size=${NODE_OLD_SPACE_MB:-512}${NODE_OPTIONS:+ $NODE_OPTIONS}"
exec "$root/node_modules/.bin/next" start --experimental-next-config-strip-types "$@"
