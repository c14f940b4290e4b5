// The process's interrupt (SIGINT/SIGTERM) as an AbortSignal the db layer can read without
// importing the CLI: a connect still waiting when it fires gives up at once. Its own module so
// that registering it (src/cli/run.ts) does not load the driver.
let current: AbortSignal | undefined;

export function setInterruptSignal(signal: AbortSignal): void {
  current = signal;
}

export function interruptSignal(): AbortSignal | undefined {
  return current;
}
