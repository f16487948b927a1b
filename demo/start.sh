#!/bin/sh
# `pnpm start` runs this after its build (bench/embedded-start.mjs too): the demo server,
# demo/start.mjs, with the process settings its memory is measured with. Both must be set
# before Node starts: glibc reads MALLOC_* as the process starts, V8 sizes its heap then.
#
# MALLOC_MMAP_THRESHOLD_: allocations of 1 MB or more get pages of their own, returned when
# freed. Without it glibc raises that threshold to the largest block freed so far, and each
# password hash's 16 MB scrypt buffer stays in the malloc arena of the thread-pool thread that
# made it: up to four 16-24 MB arenas kept for good after a few log-ins.
# --max-semi-space-size: V8's young generation (two semi-spaces) grows to 2 x 16 MB under the
# demo's traffic, and stays; 4 MB each holds what a request allocates.
export MALLOC_MMAP_THRESHOLD_="${MALLOC_MMAP_THRESHOLD_:-1048576}"
exec node --max-semi-space-size=4 "$(dirname "$0")/start.mjs" "$@"
