#!/bin/sh
# Stands where Prisma's native schema engine would be. `prisma generate` only checks that it exists;
# migrations run through the wasm engine instead (npm run db:migrate / db:migration).
echo "PodLab uses Prisma's wasm schema engine: run 'npm run db:migrate' or 'npm run db:migration -- NAME'." >&2
exit 1
