-- Stands for a service's own schema, migrated by the service's own Flyway (default history table).
CREATE TABLE users (id uuid PRIMARY KEY, name text NOT NULL);
