#!/bin/sh
# Runs once, as the PostgreSQL superuser, when the compose stack's database volume is first
# initialised (the postgres image runs /docker-entrypoint-initdb.d/*.sh). It creates the
# least-privilege setup of docs/operations.md:
#   samverkan_app    NOLOGIN: the rights the API acts with (granted by the migrations)
#   samverkan_owner  LOGIN, owns the database and schema, no CREATEROLE: the migration job
#   samverkan_sealer NOLOGIN: the rights the audit sealer acts with (inserts checkpoints)
#   samverkan_api    LOGIN, member of samverkan_app and samverkan_sealer: the API, its sealer and its CLIs
# Passwords come from the secret files; psql's :'var' quoting keeps them out of the SQL text.
set -eu
owner_password="$(cat /run/secrets/samverkan_owner_password)"
api_password="$(cat /run/secrets/samverkan_api_password)"
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v owner_password="$owner_password" -v api_password="$api_password" <<'SQL'
CREATE ROLE samverkan_app NOLOGIN;
CREATE ROLE samverkan_sealer NOLOGIN;
CREATE ROLE samverkan_owner LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'owner_password';
CREATE ROLE samverkan_api LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'api_password';
GRANT samverkan_app TO samverkan_api;
GRANT samverkan_sealer TO samverkan_api;
CREATE DATABASE samverkan OWNER samverkan_owner;
REVOKE ALL ON DATABASE samverkan FROM PUBLIC;
GRANT CONNECT ON DATABASE samverkan TO samverkan_owner, samverkan_api;
SQL
