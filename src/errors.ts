// Typed errors the core throws; only src/cli/ turns them into messages and exit codes.
// Each carries a one-line, user-facing message. Never put a password in one.

export const ExitCode = {
  Clean: 0,
  Drift: 1,
  Usage: 2,
  MigrationFailed: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export class SchemaguardError extends Error {
  readonly exitCode: ExitCode;
  constructor(message: string, exitCode: ExitCode, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.exitCode = exitCode;
  }
}

/** Bad flags, arguments or combinations of them. */
export class UsageError extends SchemaguardError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, ExitCode.Usage, options);
  }
}

/** A config, model or migrations directory that cannot be loaded or is invalid. */
export class ConfigError extends SchemaguardError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, ExitCode.Usage, options);
  }
}

/** The database cannot be reached, refuses us, or is not what we need. */
export class ConnectionError extends SchemaguardError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, ExitCode.Usage, options);
  }
}

/** A migration failed and was rolled back. */
export class MigrationFailedError extends SchemaguardError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, ExitCode.MigrationFailed, options);
  }
}

/** Replace the password of any postgres:// URL inside a string with "***". */
export function redactSecrets(text: string): string {
  return text.replace(/(postgres(?:ql)?:\/\/[^:/@\s]*:)[^@\s]*@/gi, '$1***@');
}
