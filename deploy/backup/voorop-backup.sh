#!/usr/bin/env bash
# Back up Voorop: the PostgreSQL database (pg_dump, custom format) and the uploaded files.
#
#   DATABASE_URL=postgres://... VOOROP_DATA_DIR=/var/lib/voorop BACKUP_DIR=/var/backups/voorop \
#     deploy/backup/voorop-backup.sh
#
# Writes BACKUP_DIR/voorop-YYYYmmdd-HHMMSS.dump (and .media.tar.gz when there are uploads),
# checks the dump can be read back (pg_restore --list), and deletes backups older than
# BACKUP_KEEP_DAYS (default 14). Restore with voorop-restore.sh. Exits non-zero on any
# failure, so the timer's unit shows as failed.
set -euo pipefail

: "${DATABASE_URL:?DATABASE_URL must name the PostgreSQL database}"
: "${BACKUP_DIR:?BACKUP_DIR must name the folder for the backups}"
keep_days="${BACKUP_KEEP_DAYS:-14}"
stamp="$(date -u +%Y%m%d-%H%M%S)"
umask 077
mkdir -p "$BACKUP_DIR"

dump="$BACKUP_DIR/voorop-$stamp.dump"
# Custom format: compressed, and pg_restore can restore it into an empty database.
pg_dump --format=custom --no-owner --no-privileges --file="$dump.partial" "$DATABASE_URL"
pg_restore --list "$dump.partial" >/dev/null
mv "$dump.partial" "$dump"
echo "database: $dump ($(du -h "$dump" | cut -f1))"

media="${VOOROP_DATA_DIR:-}/media"
if [ -n "${VOOROP_DATA_DIR:-}" ] && [ -d "$media" ]; then
  tar --create --gzip --file="$BACKUP_DIR/voorop-$stamp.media.tar.gz.partial" \
    --directory="$VOOROP_DATA_DIR" media
  mv "$BACKUP_DIR/voorop-$stamp.media.tar.gz.partial" "$BACKUP_DIR/voorop-$stamp.media.tar.gz"
  echo "uploads:  $BACKUP_DIR/voorop-$stamp.media.tar.gz"
fi

find "$BACKUP_DIR" -maxdepth 1 -name 'voorop-*' -type f -mtime "+$keep_days" -print -delete
