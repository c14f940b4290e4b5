// Entry point: parse argv and hand over to the command. Usage errors from commander exit 2.
import { CommanderError } from 'commander';
import { buildProgram } from './program.js';

async function main(argv: readonly string[]): Promise<void> {
  const program = buildProgram();
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
