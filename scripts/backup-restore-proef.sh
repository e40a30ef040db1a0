#!/usr/bin/env bash
# Proves that a backup can be restored: pg_dump the portal's database (custom format), pg_restore it into a fresh
# scratch database, and compare the row counts of every table. Exit 0 only when every table matches.
#
#   DATABASE_URL=postgres://user@host:5432/portaal scripts/backup-restore-proef.sh [backup-file]
#
# The backup file is kept (default: a temporary file, removed afterwards); the scratch database is always dropped.
set -euo pipefail

: "${DATABASE_URL:?DATABASE_URL=postgres://… is nodig}"
case "$DATABASE_URL" in postgres://*|postgresql://*) ;; *) echo "Alleen PostgreSQL: DATABASE_URL=postgres://…" >&2; exit 2;; esac

bron_db="${DATABASE_URL##*/}"; bron_db="${bron_db%%\?*}"
server_url="${DATABASE_URL%/*}"
proef_db="${bron_db}_herstelproef_$$"
bestand="${1:-}"
tijdelijk=""
if [ -z "$bestand" ]; then
  tijdelijk=$(mktemp --suffix=.dump)
  bestand="$tijdelijk"
fi

opruimen() {
  psql "$server_url/postgres" -qAt -c "DROP DATABASE IF EXISTS \"$proef_db\" WITH (FORCE)" >/dev/null 2>&1 || true
  if [ -n "$tijdelijk" ]; then rm -f "$tijdelijk"; fi
}
trap opruimen EXIT

tellingen() {
  # One line per table: name and exact row count.
  psql "$1" -qAt -F ' ' <<'SQL'
SELECT format('SELECT %L, count(*) FROM %I.%I', table_name, table_schema, table_name)
FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name
\gexec
SQL
}

echo "Back-up van ${bron_db} naar ${bestand}"
pg_dump --format=custom --no-owner --no-privileges --file "$bestand" "$DATABASE_URL"

echo "Herstel in de proefdatabase ${proef_db}"
psql "$server_url/postgres" -qAt -c "CREATE DATABASE \"$proef_db\"" >/dev/null
pg_restore --no-owner --no-privileges --exit-on-error --dbname "$server_url/$proef_db" "$bestand"

echo "Vergelijk het aantal rijen per tabel"
bron=$(tellingen "$DATABASE_URL")
hersteld=$(tellingen "$server_url/$proef_db")
if [ "$bron" != "$hersteld" ]; then
  echo "HERSTEL MISLUKT: de tabellen verschillen" >&2
  diff <(echo "$bron") <(echo "$hersteld") >&2 || true
  exit 1
fi
tabellen=$(echo "$bron" | wc -l)
rijen=$(echo "$bron" | awk '{s += $2} END {print s + 0}')
echo "Herstel geslaagd: ${tabellen} tabellen, ${rijen} rijen, identiek."
