// The server's version decides which catalog columns exist (PostgreSQL 13 is the oldest supported).
export const SERVER_QUERY = `select current_setting('server_version_num')::int as version`;

export interface ServerRow {
  readonly version: number;
}

export const PG15 = 150000;
export const PG17 = 170000;
