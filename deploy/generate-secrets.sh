#!/bin/sh
# Creates the secret files docker-compose.yml reads, with random passwords (hex: nothing that
# needs escaping in a URL), in ./secrets next to docker-compose.yml. Existing files are kept.
# The directory is closed to other users of the host (0700); the files are readable (0644) because
# compose bind-mounts them into containers that run as their own users (postgres, node).
set -eu
cd "$(dirname "$0")/.."
umask 077
mkdir -p secrets
chmod 700 secrets
random() { od -An -N24 -tx1 /dev/urandom | tr -d ' \n'; }
write() { # write <file> <content>: only when missing
  if [ -e "secrets/$1" ]; then echo "kept    secrets/$1"; return; fi
  printf '%s\n' "$2" > "secrets/$1"
  chmod 644 "secrets/$1"
  echo "created secrets/$1"
}
write postgres_password "$(random)"
write samverkan_owner_password "$(random)"
write samverkan_api_password "$(random)"
owner="$(cat secrets/samverkan_owner_password)"
api="$(cat secrets/samverkan_api_password)"
write migration_database_url "postgres://samverkan_owner:${owner}@postgres:5432/samverkan"
write database_url "postgres://samverkan_api:${api}@postgres:5432/samverkan"
# The cell-key secret of protected indicator tables (64 hex characters). Keep it: a new one changes
# every protected figure partners have seen.
write indicator_cell_key_secret "$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')"
# The audit digest key (64 hex characters), kept out of the database. To rotate, append a new line:
# the last key signs, the earlier ones still verify (docs/audit-security.md).
write audit_hmac_key "$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')"
