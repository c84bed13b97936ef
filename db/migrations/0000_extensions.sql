-- drizzle-kit does not emit CREATE EXTENSION; later migrations rely on these.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
