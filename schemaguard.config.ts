// schemaguard's configuration for this repository: the phase-centric lead-generation models
// in schemas/ and the migrations that move the legacy layout onto them.
export default {
  models: './schemas/index.ts',
  migrations: './migrations',
  schemas: ['public'],
  acceptedDrift: './schemaguard.accepted.json',
};
