-- The database the PostgreSQL connector is tested on (.ci/services/40-postgres.sh loads it with psql).
-- Every row is generated here, deterministically, so no data file is committed.

CREATE TABLE stations (
  id integer PRIMARY KEY,
  name text NOT NULL,
  code varchar(8) UNIQUE,
  opened date,
  active boolean,
  location jsonb,
  tags text[],
  uid uuid
);
INSERT INTO stations
SELECT i,
       (ARRAY['Σύνταγμα', 'Ομόνοια', 'Μοναστηράκι', 'Κηφισιά', 'Piräus', 'Zürich Hbf', '東京'])[1 + i % 7] || ' ' || i,
       'S' || lpad(i::text, 4, '0'),
       CASE WHEN i % 5 = 0 THEN NULL ELSE date '2000-01-01' + i * 37 END,
       CASE WHEN i % 4 = 0 THEN NULL ELSE i % 3 <> 0 END,
       jsonb_build_object('lat', 37.9 + i / 1000.0, 'lon', 23.7 - i / 1000.0, 'zone', i % 3),
       CASE WHEN i % 6 = 0 THEN NULL ELSE ARRAY['line' || (i % 3 + 1), 'zone' || (i % 4)] END,
       md5('station' || i)::uuid
FROM generate_series(1, 200) AS i;

-- One million rows: the size the report's measurements name.
CREATE TABLE measurements (
  id bigint PRIMARY KEY,
  station_id integer NOT NULL REFERENCES stations (id),
  measured_at timestamptz NOT NULL,
  local_time timestamp,
  value double precision,
  reading numeric(12, 3),
  small smallint,
  flag boolean,
  note text
);
INSERT INTO measurements
SELECT i,
       1 + (i * 7919) % 200,
       timestamptz '2024-01-01 00:00:00+00' + (i * interval '37 seconds'),
       CASE WHEN i % 10 = 0 THEN NULL ELSE timestamp '2024-01-01 00:00:00' + (i % 86400) * interval '1 second' END,
       CASE WHEN i % 50 = 0 THEN NULL ELSE sin(i::float8) * 100 + (i % 1000) / 10.0 END,
       CASE WHEN i % 3 = 0 THEN NULL ELSE ((i * 104729) % 1000003) / 1000.0 END,
       (i % 32000 - 16000)::smallint,
       CASE WHEN i % 7 = 0 THEN NULL ELSE i % 5 = 0 END,
       -- NULL-heavy: 19 rows in 20 have no note
       CASE WHEN i % 20 = 0 THEN 'Σημείωση ' || (i % 97) ELSE NULL END
FROM generate_series(1::bigint, 1000000) AS i;
ANALYZE measurements;

-- Composite primary key, a foreign key onto it, NULL-heavy and all-NULL columns.
CREATE TABLE lines (
  network text,
  line_no integer,
  label text,
  PRIMARY KEY (network, line_no)
);
INSERT INTO lines SELECT 'metro', i, 'Γραμμή ' || i FROM generate_series(1, 3) AS i;

CREATE TABLE sparse (
  id serial PRIMARY KEY,
  network text,
  line_no integer,
  mostly_null integer,
  always_null double precision,
  empty_text text,
  FOREIGN KEY (network, line_no) REFERENCES lines (network, line_no)
);
INSERT INTO sparse (network, line_no, mostly_null, always_null, empty_text)
SELECT CASE WHEN i % 2 = 0 THEN 'metro' END, CASE WHEN i % 2 = 0 THEN 1 + i % 3 END,
       CASE WHEN i % 100 = 0 THEN i END, NULL, NULL
FROM generate_series(1, 1000) AS i;

CREATE TABLE empty_table (id integer PRIMARY KEY, label text);

-- A name that needs quoting, and a second schema.
CREATE TABLE "Odd Name" ("Mixed Case" integer, "with space" text);
INSERT INTO "Odd Name" VALUES (1, 'a'), (2, 'b'), (2, NULL);

CREATE SCHEMA analytics;
CREATE TABLE analytics.events (
  id integer PRIMARY KEY,
  station_id integer REFERENCES stations (id),
  kind text,
  payload json,
  scores integer[]
);
INSERT INTO analytics.events
SELECT i, 1 + i % 200, (ARRAY['open', 'close', 'fault'])[1 + i % 3], json_build_object('n', i), ARRAY[i, i * 2]
FROM generate_series(1, 500) AS i;

-- Rounded: a float avg recomputed on every read may differ in its last bit between reads.
CREATE VIEW station_summary AS
SELECT s.id, s.name, count(m.id) AS measurement_count, round(avg(m.value)::numeric, 6) AS mean_value
FROM stations s LEFT JOIN measurements m ON m.station_id = s.id
WHERE s.id <= 20
GROUP BY s.id, s.name;

-- TimescaleDB is not packaged by Debian: a catalog made to look like one, a hypertable `readings`
-- whose rows live in two chunk tables (children by inheritance, as TimescaleDB's chunks are).
CREATE SCHEMA _timescaledb_catalog;
CREATE SCHEMA _timescaledb_internal;
CREATE TABLE _timescaledb_catalog.hypertable (id serial PRIMARY KEY, schema_name name NOT NULL, table_name name NOT NULL);
CREATE TABLE _timescaledb_catalog.chunk (id serial PRIMARY KEY, hypertable_id integer NOT NULL, schema_name name NOT NULL, table_name name NOT NULL);
CREATE TABLE readings (time timestamptz NOT NULL, sensor integer, temperature double precision);
CREATE TABLE _timescaledb_internal._hyper_1_1_chunk (CHECK (time < '2024-02-01')) INHERITS (readings);
CREATE TABLE _timescaledb_internal._hyper_1_2_chunk (CHECK (time >= '2024-02-01')) INHERITS (readings);
INSERT INTO _timescaledb_catalog.hypertable (schema_name, table_name) VALUES ('public', 'readings');
INSERT INTO _timescaledb_catalog.chunk (hypertable_id, schema_name, table_name)
VALUES (1, '_timescaledb_internal', '_hyper_1_1_chunk'), (1, '_timescaledb_internal', '_hyper_1_2_chunk');
INSERT INTO _timescaledb_internal._hyper_1_1_chunk
SELECT timestamptz '2024-01-01 00:00:00+00' + i * interval '1 hour', i % 4, 20 + i % 10 FROM generate_series(0, 299) AS i;
INSERT INTO _timescaledb_internal._hyper_1_2_chunk
SELECT timestamptz '2024-02-01 00:00:00+00' + i * interval '1 hour', i % 4, 15 + i % 10 FROM generate_series(0, 199) AS i;

-- PostGIS, in a schema of its own off the search path (the profiler calls its functions where the
-- extension lives). Mixed geometry types, NULLs, an empty geometry, a second SRID, and a geography.
CREATE SCHEMA postgis;
CREATE EXTENSION postgis SCHEMA postgis;
CREATE TABLE places (
  id integer PRIMARY KEY,
  geom postgis.geometry,
  area postgis.geography
);
INSERT INTO places
SELECT i,
       CASE WHEN i % 10 = 0 THEN NULL
            WHEN i = 7 THEN postgis.ST_GeomFromText('GEOMETRYCOLLECTION EMPTY', 4326)
            WHEN i = 11 THEN postgis.ST_SetSRID(postgis.ST_MakePoint(2641000 + i, 4577000 - i), 3857)
            WHEN i % 3 = 0 THEN postgis.ST_SetSRID(postgis.ST_MakePoint(23.7 + i / 100.0, 37.9 + i / 200.0), 4326)
            WHEN i % 3 = 1 THEN postgis.ST_SetSRID(postgis.ST_MakeLine(postgis.ST_MakePoint(20 + i / 50.0, 35), postgis.ST_MakePoint(21 + i / 50.0, 36 + i / 100.0)), 4326)
            ELSE postgis.ST_MakeEnvelope(-10 - i / 10.0, -i / 20.0, -9 - i / 10.0, 1 - i / 20.0, 4326) END,
       CASE WHEN i % 2 = 0 THEN postgis.ST_MakePoint(-120 + i / 10.0, 45 - i / 20.0)::postgis.geography END
FROM generate_series(1, 300) AS i;

-- The table no role may read: profiled as an error, the others still profiled.
CREATE TABLE secret_table (id integer);
INSERT INTO secret_table VALUES (1);

ANALYZE;

-- The profiler connects as a read-only role with a password.
CREATE ROLE :"reader" LOGIN PASSWORD :'reader_password';
GRANT USAGE ON SCHEMA public, analytics, postgis, _timescaledb_catalog, _timescaledb_internal TO :"reader";
GRANT SELECT ON ALL TABLES IN SCHEMA public, analytics, _timescaledb_catalog, _timescaledb_internal TO :"reader";
REVOKE SELECT ON secret_table FROM :"reader";
