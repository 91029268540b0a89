-- Steppe catalog schema, version 1.
-- Portable SQL: every statement runs unchanged on SQLite (3.35 or later) and PostgreSQL (13 or later).
-- Statements end with a semicolon at the end of a line. Times are ISO 8601 UTC text ("2026-08-22T11:46:03.1234567Z"),
-- which sorts and compares as text in both engines; element-set epochs are exact (whole TT seconds + fraction).

CREATE TABLE schema_version (
    version INTEGER NOT NULL PRIMARY KEY,
    description TEXT NOT NULL,
    applied_utc TEXT NOT NULL
);

-- Key/value facts about this database (e.g. the digest of the seed data loaded, the bundled snapshot loaded).
CREATE TABLE catalog_info (
    info_key TEXT NOT NULL PRIMARY KEY,
    info_value TEXT NOT NULL
);

-- Launch sites, ground stations and places; every row says where its coordinates come from.
CREATE TABLE sites (
    id TEXT NOT NULL PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('launch-site', 'ground-station', 'place')),
    name TEXT NOT NULL,
    complex TEXT,
    country TEXT NOT NULL,
    latitude_deg DOUBLE PRECISION NOT NULL CHECK (latitude_deg BETWEEN -90 AND 90),
    longitude_deg DOUBLE PRECISION NOT NULL CHECK (longitude_deg BETWEEN -180 AND 180),
    altitude_m DOUBLE PRECISION,
    approximate INTEGER NOT NULL CHECK (approximate IN (0, 1)),
    description TEXT,
    source TEXT NOT NULL
);

CREATE TABLE objects (
    catalog_number INTEGER NOT NULL PRIMARY KEY CHECK (catalog_number BETWEEN 1 AND 999999999),
    international_designator TEXT,
    name TEXT,
    object_type TEXT NOT NULL CHECK (object_type IN ('payload', 'rocket-body', 'debris', 'unknown')),
    owner TEXT,
    launch_date TEXT,
    launch_site_id TEXT REFERENCES sites (id),
    decay_date TEXT,
    updated_utc TEXT NOT NULL
);

CREATE INDEX ix_objects_owner ON objects (owner);
CREATE INDEX ix_objects_type ON objects (object_type);

-- Every file, URL or bundled snapshot element sets were imported from.
CREATE TABLE sources (
    location TEXT NOT NULL PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('file', 'url', 'bundled', 'seed')),
    first_fetched_utc TEXT NOT NULL,
    last_fetched_utc TEXT NOT NULL,
    fetch_count INTEGER NOT NULL,
    last_element_sets INTEGER NOT NULL
);

-- Sources fetched by name (e.g. CelesTrak groups), each with its shortest refetch interval.
CREATE TABLE named_sources (
    name TEXT NOT NULL PRIMARY KEY,
    url TEXT NOT NULL,
    min_refresh_s INTEGER NOT NULL CHECK (min_refresh_s >= 0),
    description TEXT
);

-- Element sets, every epoch kept. The id is the set's identity: a digest of the catalog number, the epoch (to 1 us) and
-- every element value (to 12 significant digits), names excluded, so the same set imported twice is stored once.
CREATE TABLE element_sets (
    id TEXT NOT NULL PRIMARY KEY,
    catalog_number INTEGER NOT NULL REFERENCES objects (catalog_number),
    epoch_tt_s BIGINT NOT NULL,
    epoch_tt_fraction DOUBLE PRECISION NOT NULL,
    epoch_utc TEXT NOT NULL,
    name TEXT,
    international_designator TEXT,
    classification TEXT NOT NULL,
    mean_motion_rev_per_day DOUBLE PRECISION NOT NULL,
    eccentricity DOUBLE PRECISION NOT NULL,
    inclination_deg DOUBLE PRECISION NOT NULL,
    raan_deg DOUBLE PRECISION NOT NULL,
    argument_of_perigee_deg DOUBLE PRECISION NOT NULL,
    mean_anomaly_deg DOUBLE PRECISION NOT NULL,
    bstar_per_earth_radii DOUBLE PRECISION NOT NULL,
    mean_motion_dot DOUBLE PRECISION NOT NULL,
    mean_motion_ddot DOUBLE PRECISION NOT NULL,
    ephemeris_type INTEGER NOT NULL,
    element_set_number INTEGER NOT NULL,
    revolution_number INTEGER NOT NULL,
    regime TEXT NOT NULL CHECK (regime IN ('LEO', 'MEO', 'GEO', 'HEO', 'OTHER')),
    source_location TEXT NOT NULL REFERENCES sources (location),
    fetched_utc TEXT NOT NULL
);

-- "The latest elements of object N as of time T" is one descent of this index.
CREATE INDEX ix_element_sets_object_epoch ON element_sets (catalog_number, epoch_tt_s, epoch_tt_fraction);

-- Published historical orbits (heights, inclination, period) from which mean elements were derived.
CREATE TABLE historical_orbits (
    catalog_number INTEGER NOT NULL PRIMARY KEY REFERENCES objects (catalog_number),
    name TEXT NOT NULL,
    perigee_altitude_km DOUBLE PRECISION NOT NULL,
    apogee_altitude_km DOUBLE PRECISION NOT NULL,
    inclination_deg DOUBLE PRECISION NOT NULL,
    period_min DOUBLE PRECISION,
    element_set_id TEXT NOT NULL REFERENCES element_sets (id),
    source TEXT NOT NULL,
    derivation TEXT NOT NULL
);

-- The heritage timeline.
CREATE TABLE heritage_events (
    id TEXT NOT NULL PRIMARY KEY,
    utc TEXT,
    time_precision TEXT NOT NULL CHECK (time_precision IN ('day', 'minute', 'second', 'planned')),
    title TEXT NOT NULL,
    description TEXT,
    spacecraft TEXT,
    crew TEXT,
    launch_site_id TEXT REFERENCES sites (id),
    catalog_number INTEGER,
    international_designator TEXT,
    duration_min DOUBLE PRECISION,
    source TEXT NOT NULL
);
