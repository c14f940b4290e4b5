// Whether stdout gets colour: on a terminal by default; FORCE_COLOR forces it on for CI logs
// that render ANSI (GitHub Actions, GitLab) and FORCE_COLOR=0 off; NO_COLOR (any non-empty
// value) always wins: "never with NO_COLOR" is the contract. Machine formats never colour,
// whatever this says (renderers only colour the terminal formats).
export function colorEnabled(env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !['0', 'false', 'no'].includes(force.trim().toLowerCase());
  return isTTY;
}
