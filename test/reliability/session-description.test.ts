// The pre-flight warning names a background worker as such: autovacuum has no user and no
// client, and "user null, client local socket" sent DBAs looking for a person.
import { describe, expect, it } from 'vitest';
import { describeSession, type BlockingSession } from '../../src/migrate/sessions.js';

const base: BlockingSession = {
  pid: 4242, applicationName: '', user: 'app', backendType: 'client backend', clientAddr: '10.0.0.5',
  state: 'idle in transaction', xactStart: null, query: 'select 1', relations: ['public.t (RowExclusiveLock)'],
};

describe('describeSession', () => {
  it('an autovacuum worker is named, with no "user null"', () => {
    const text = describeSession({ ...base, user: null, backendType: 'autovacuum worker', clientAddr: null, query: 'autovacuum: VACUUM public.t' });
    expect(text).toMatch(/^pid 4242 \(autovacuum worker\)/);
    expect(text).not.toMatch(/null|local socket/);
  });
  it('a client backend keeps user and client', () => {
    expect(describeSession(base)).toMatch(/^pid 4242, user app, client 10\.0\.0\.5/);
  });
});
