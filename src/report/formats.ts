// The format names of audit and check, apart from their renderers: the command definitions
// list them as choices at start-up, and importing a renderer for that loaded the whole audit
// (and zod) for every command, `--help` included.
export const AUDIT_FORMATS = ['table', 'json', 'markdown', 'junit', 'sarif', 'gcc', 'github', 'codequality'] as const;
export type AuditFormat = (typeof AUDIT_FORMATS)[number];

export const CHECK_FORMATS = ['text', 'json', 'markdown', 'sarif', 'gcc', 'github', 'codequality'] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];
