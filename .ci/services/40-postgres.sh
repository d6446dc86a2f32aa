# PostgreSQL and PostGIS from Debian's packages, on 127.0.0.1 as the unprivileged `postgres` user, in a
# fresh data folder under $CI_WORK; loads test/database/schema.sql (generated data, no large files committed).
# PostGIS is the package for the installed major (bookworm: postgresql-15-postgis-3, 3.3.2+dfsg-1+b1 when
# this was written); apt's version is taken, as for PostgreSQL itself.
# TLS is on (plain connections still accepted), with a server certificate for 127.0.0.1 and localhost
# from a throwaway CA made here with openssl.
# Exports PG_TEST_URL (superuser, for the tests' independent queries), PG_TEST_READER_USER and
# PG_TEST_READER_PASSWORD (a read-only role that the profiler connects as), PG_TEST_CA_FILE (the CA's
# certificate), PGHOST and PGPORT.
# Debian (bookworm) has no timescaledb package, so hypertables are tested on a catalog made to look
# like TimescaleDB's (see schema.sql).
if ! dpkg-query -W -f='${Status}' postgresql 2>/dev/null | grep -q 'install ok installed'; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
postgis_package="postgresql-$(basename "$(dirname "$pg_bin")")-postgis-3"
if ! dpkg-query -W -f='${Status}' "$postgis_package" 2>/dev/null | grep -q 'install ok installed'; then
  apt-get update -qq
  # Without recommends: the extension only, not the shapefile tools and their libraries.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$postgis_package" >/dev/null
fi
pg_dir="$CI_WORK/postgres"
# CI_WORK is root's 0700 temp dir: the postgres user needs to pass through it to reach its folder.
chmod o+x "$CI_WORK"
mkdir -p "$pg_dir"
chown postgres:postgres "$pg_dir"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj '/CN=dataset-profiler test CA' \
  -keyout "$pg_dir/ca.key" -out "$pg_dir/ca.crt" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj '/CN=localhost' -keyout "$pg_dir/server.key" -out "$pg_dir/server.csr" 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\n' > "$pg_dir/server.ext"
openssl x509 -req -in "$pg_dir/server.csr" -CA "$pg_dir/ca.crt" -CAkey "$pg_dir/ca.key" -CAcreateserial -days 2 \
  -extfile "$pg_dir/server.ext" -out "$pg_dir/server.crt" 2>/dev/null
chown postgres:postgres "$pg_dir/server.key" "$pg_dir/server.crt"
chmod 600 "$pg_dir/server.key"
export PG_TEST_CA_FILE="$pg_dir/ca.crt"
PGPORT="$(free_port)"
export PGPORT PGHOST=127.0.0.1
runuser -u postgres -- "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -E UTF8 --locale=C.UTF-8 \
  --auth-local=trust --auth-host=scram-sha-256 >/dev/null
# The superuser connects without a password from loopback only; every other role needs its password.
printf 'host all postgres 127.0.0.1/32 trust\nhost all all 127.0.0.1/32 scram-sha-256\n' > "$pg_dir/data/pg_hba.conf"
runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -c port=$PGPORT -c unix_socket_directories=$pg_dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c ssl=on -c ssl_cert_file=$pg_dir/server.crt -c ssl_key_file=$pg_dir/server.key" start >/dev/null
on_exit "runuser -u postgres -- '$pg_bin/pg_ctl' -D '$pg_dir/data' -m fast stop >/dev/null"
wait_for_port "$PGPORT" 60
export PG_TEST_READER_USER=profiler_reader
PG_TEST_READER_PASSWORD="$(node -e 'console.log(require("crypto").randomBytes(12).toString("hex"))')"
export PG_TEST_READER_PASSWORD
psql -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres -c 'CREATE DATABASE profiler_test'
psql -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PGPORT" -U postgres -d profiler_test \
  -v reader="$PG_TEST_READER_USER" -v reader_password="$PG_TEST_READER_PASSWORD" -f test/database/schema.sql >/dev/null
export PG_TEST_URL="postgresql://postgres@127.0.0.1:$PGPORT/profiler_test"
