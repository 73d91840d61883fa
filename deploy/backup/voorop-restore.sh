#!/usr/bin/env bash
# Restore a Voorop backup made by voorop-backup.sh into an EMPTY PostgreSQL database.
#
#   DATABASE_URL=postgres://.../voorop_restored deploy/backup/voorop-restore.sh \
#     /var/backups/voorop/voorop-20260101-023000.dump [DATA_DIR]
#
# Stop voorop-web and voorop-tasks first when restoring over the live installation, create
# the database anew (createdb -O voorop voorop_restored), restore, point DATABASE_URL at it
# and run `voorop migrate` (a no-op unless the backup is older than the installed version).
# With DATA_DIR, the uploads (.media.tar.gz beside the dump) are unpacked into it.
set -euo pipefail

: "${DATABASE_URL:?DATABASE_URL must name the (empty) database to restore into}"
dump="${1:?usage: voorop-restore.sh BACKUP.dump [DATA_DIR]}"
data_dir="${2:-}"

pg_restore --list "$dump" >/dev/null
tables="$(psql --no-psqlrc --quiet --tuples-only --no-align "$DATABASE_URL" \
  --command="SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")"
if [ "$tables" != "0" ]; then
  echo "The database already has $tables tables: restore into an empty database." >&2
  exit 1
fi
# One transaction: a restore either completes or leaves the database empty.
pg_restore --no-owner --no-privileges --single-transaction --exit-on-error \
  --dbname="$DATABASE_URL" "$dump"
echo "database restored from $dump"

media="${dump%.dump}.media.tar.gz"
if [ -n "$data_dir" ] && [ -f "$media" ]; then
  mkdir -p "$data_dir"
  tar --extract --gzip --file="$media" --directory="$data_dir"
  echo "uploads restored into $data_dir/media"
fi
