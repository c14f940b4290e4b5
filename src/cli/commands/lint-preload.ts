// Start libpg-query's WASM compile as early as `lint` knows it will parse: the compile runs on
// V8's background threads while the rest of the command's modules load.
import { setFlagsFromString } from 'node:v8';

let started: Promise<void> | undefined;

export function preloadParser(): Promise<void> {
  if (!started) {
    // V8 compiles WASM quickly (Liftoff), then recompiles its hot functions with TurboFan. For
    // one lint run that recompilation costs more CPU than it saves (200 files: 0.64 → 0.26
    // CPU-s; a 100k-statement file: 2.5 → 2.2). Must precede the module's compile.
    setFlagsFromString('--liftoff-only');
    started = import('../../migrate/script.js').then((m) => m.loadParser());
    // Awaited (and its error reported) by lintCommand; never an unhandled rejection here.
    started.catch(() => undefined);
  }
  return started;
}
