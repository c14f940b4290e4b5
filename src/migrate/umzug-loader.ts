// umzug, loaded without its command-line front end. umzug's entry module requires its own CLI
// (built on @rushstack/ts-command-line), which costs a few hundred milliseconds on every
// `migrate` run and which schemaguard never uses: we register a stand-in for that one module
// before loading umzug. The migration engine itself (Umzug, storage contract, errors) is the
// real one. Should umzug's file layout change, umzug is simply loaded whole.
import { createRequire, Module } from 'node:module';

const require = createRequire(import.meta.url);

type UmzugModule = typeof import('umzug');

let loaded: UmzugModule | undefined;

export function loadUmzug(): UmzugModule {
  if (loaded) return loaded;
  try {
    const cliPath = require.resolve('umzug/lib/cli.js');
    if (!require.cache[cliPath]) {
      const unavailable = class {
        constructor() {
          throw new Error("umzug's own CLI is not loaded inside schemaguard");
        }
      };
      const stub = new Module(cliPath);
      stub.filename = cliPath;
      stub.loaded = true;
      stub.exports = { UmzugCLI: unavailable, UpAction: unavailable, DownAction: unavailable, ListAction: unavailable, CreateAction: unavailable };
      require.cache[cliPath] = stub;
    }
  } catch {
    /* unexpected layout: fall through and load umzug as published */
  }
  loaded = require('umzug') as UmzugModule;
  return loaded;
}
