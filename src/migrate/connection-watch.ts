// Knows when the migration connection has closed under us (pg_terminate_backend, a server
// restart, a network cut). postgres.js would otherwise reconnect silently on the next query,
// or leave a pipelined query waiting forever; and a query written to the dead socket can crash
// the process. After a loss, the runner never touches that connection again.

export interface ConnectionWatch {
  /** True once the connection has closed. */
  readonly closed: boolean;
  /** Rejects when the connection closes; never resolves. */
  readonly whenLost: Promise<never>;
  /** postgres.js's onclose callback. */
  readonly close: () => void;
}

/**
 * A code that means the connection itself is gone (postgres.js's CONNECTION_*, a socket error,
 * a connection closed while reconnecting, the server's 57P0x shutdown and termination), not
 * an error of the statement: the one classifier for the runner.
 */
export function isConnectionLossCode(code: string): boolean {
  return /^(CONNECTION_|ECONNRESET$|EPIPE$|57P0|STARTUP_CLOSED$)/.test(code);
}

export class ConnectionLostError extends Error {
  readonly code = 'CONNECTION_CLOSED';
  constructor() {
    super('the server closed the migration connection (terminated or restarted)');
  }
}

export function watchConnection(): ConnectionWatch {
  let closed = false;
  let reject: (error: Error) => void = () => undefined;
  const whenLost = new Promise<never>((_, r) => (reject = r));
  whenLost.catch(() => undefined);
  return {
    get closed() {
      return closed;
    },
    whenLost,
    close: () => {
      if (closed) return;
      closed = true;
      reject(new ConnectionLostError());
    },
  };
}

/** Settle `work` or fail as soon as the connection is lost, whichever comes first. */
export function whileConnected<T>(watch: ConnectionWatch, work: PromiseLike<T>): Promise<T> {
  if (watch.closed) return Promise.reject(new ConnectionLostError());
  return Promise.race([Promise.resolve(work), watch.whenLost]);
}
