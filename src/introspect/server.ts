// The server's version decides which catalog columns exist (PostgreSQL 13 is the oldest supported).
export const SERVER_QUERY = `select current_setting('server_version_num')::int as version`;

export const PG15 = 150000;
export const PG17 = 170000;

/**
 * server_version_num from the server_version a connection reports at startup ("18.4",
 * "13.2 (Debian 13.2-1)", "17beta1"); null when it cannot be read.
 */
export function versionNumber(serverVersion: string | undefined): number | null {
  const match = /^(\d+)(?:\.(\d+))?/.exec(serverVersion ?? '');
  if (!match) return null;
  const major = Number(match[1]);
  const minor = Number(match[2] ?? 0);
  return major >= 10 ? major * 10000 + minor : null;
}
