#!/usr/bin/env bash
# Dumps the TikTokToe database to ./backups/ with pg_dump (custom format).
# Connection settings come from the PG* variables, as for psql.
set -euo pipefail
mkdir -p backups
out="backups/${PGDATABASE:-tiktoktoe}-$(date -u +%Y%m%dT%H%M%SZ).dump"
pg_dump --format=custom --file="$out"
echo "backup written to $out"
