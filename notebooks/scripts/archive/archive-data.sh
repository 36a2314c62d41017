#!/usr/bin/env bash
# Exports game events older than 90 days to the archive bucket as CSV.
# Uses the PG* variables for the database and the AWS_* variables for S3.
set -euo pipefail
stamp="$(date -u +%Y%m%d)"
file="game_events-before-${stamp}.csv"
psql -X -c "\copy (SELECT * FROM game_events WHERE created_at < NOW() - INTERVAL '90 days') TO '${file}' WITH CSV HEADER"
aws s3 cp "$file" "s3://archive-bucket/game_events/${file}"
rm -f "$file"
