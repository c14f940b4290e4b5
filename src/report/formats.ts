// The format names of audit, check and lint, apart from their renderers: the command definitions
// list them as choices at start-up, and importing a renderer for that loaded the whole audit
// (and zod) for every command, `--help` included.
export const AUDIT_FORMATS = ['table', 'json', 'markdown', 'junit', 'sarif', 'gcc', 'github', 'codequality'] as const;
export type AuditFormat = (typeof AUDIT_FORMATS)[number];

export const CHECK_FORMATS = ['text', 'json', 'markdown', 'sarif', 'gcc', 'github', 'codequality'] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];

/** The CI formats every report command speaks (the shared renderer, src/report/ci/). */
export const CI_FORMATS = ['sarif', 'gcc', 'github', 'codequality'] as const;
export type CiFormat = (typeof CI_FORMATS)[number];

export function isCiFormat(format: string): format is CiFormat {
  return (CI_FORMATS as readonly string[]).includes(format);
}

/**
 * The format when none is given: `github` inside GitHub Actions (annotations on the pull
 * request with no configuration), else the command's own terminal format.
 */
export function defaultFormat<T extends string>(env: NodeJS.ProcessEnv, terminal: T): T | 'github' {
  return env.GITHUB_ACTIONS === 'true' ? 'github' : terminal;
}
