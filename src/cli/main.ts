// Entry point: parse argv and hand over to the command. Usage errors from commander exit 2.
import type { Command } from 'commander';

type Register = (root: Command) => void;

// `schemaguard <command> …` (the command first) needs that command's definition only: the
// other nine are not loaded (start-up time). Anything else (--help, a typo'd command, `help
// lint`, global options first) gets the whole program, for the command list and "did you mean".
const ONE: Readonly<Record<string, () => Promise<readonly Register[]>>> = {
  audit: async () => [(await import('./commands/audit.def.js')).registerAudit],
  demo: async () => [(await import('./commands/demo.def.js')).registerDemo],
  inspect: async () => [(await import('./commands/inspect.def.js')).registerInspect],
  lint: async () => [(await import('./commands/lint.def.js')).registerLint],
  diff: async () => [(await import('./commands/diff.def.js')).registerDiff],
  check: async () => [(await import('./commands/check.def.js')).registerCheck],
  pull: async () => [(await import('./commands/pull.def.js')).registerPull],
  migrate: async () => {
    const [m, g, r] = await Promise.all([
      import('./commands/migrate.def.js'),
      import('./commands/migrate-generate.def.js'),
      import('./commands/migrate-repair.def.js'),
    ]);
    // The group, then the subcommands that join it (as buildProgram does).
    return [(root) => {
      const group = m.registerMigrate(root);
      g.registerMigrateGenerate(group);
      r.registerMigrateRepair(group);
    }];
  },
};

async function programFor(argv: readonly string[]): Promise<Command> {
  const name = argv[2];
  const one = name !== undefined && Object.hasOwn(ONE, name) ? ONE[name] : undefined;
  if (!one) return (await import('./program.js')).buildProgram();
  const [{ createRoot }, registers] = await Promise.all([import('./root.js'), one()]);
  const program = createRoot();
  for (const register of registers) register(program);
  return program;
}

async function main(argv: readonly string[]): Promise<void> {
  // lint parses with libpg-query (WASM): its compile starts now, on V8's background threads,
  // while commander and the command's modules load.
  if (argv[2] === 'lint' && !argv.includes('--help') && !argv.includes('-h')) {
    void import('./commands/lint-preload.js').then((m) => m.preloadParser(), () => undefined);
  }
  const [{ CommanderError }, program] = await Promise.all([import('commander'), programFor(argv)]);
  try {
    await program.parseAsync(argv as string[]);
  } catch (error) {
    if (error instanceof CommanderError) {
      const ok = error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help';
      process.exit(ok ? 0 : 2);
    }
    const { reportError } = await import('./run.js');
    process.exit(reportError(error));
  }
}

await main(process.argv);
