// `npm run bench -- NAME…`: each benchmark is bench/NAME.ts exporting `run()`. Each prints its
// figures and the ratio to a baseline measured in the same run. No name: all of them.
const KNOWN = ['introspect', 'help', 'audit', 'migrate', 'move', 'check', 'pull', 'split', 'lint', 'fleet', 'diff'] as const;

const names = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const selected = names.length > 0 ? names : [...KNOWN];
for (const name of selected) {
  if (!(KNOWN as readonly string[]).includes(name)) {
    process.stderr.write(`bench: unknown benchmark "${name}" (known: ${KNOWN.join(', ')})\n`);
    process.exit(2);
  }
}
for (const name of selected) {
  let mod: { run: (args: readonly string[]) => Promise<void> };
  try {
    mod = (await import(`./${name}.js`)) as typeof mod;
  } catch (error) {
    process.stderr.write(`bench: ${name} is not available yet (${(error as Error).message.split('\n')[0]})\n`);
    continue;
  }
  process.stdout.write(`\n== bench ${name} ==\n`);
  await mod.run(process.argv.slice(2));
}
