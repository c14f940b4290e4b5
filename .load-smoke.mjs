import postgres from 'postgres';
import { loadFixture } from '/work/wt/domain/dist/fixtures/index.js';
const sql = postgres(process.argv[2], { max: 1, onnotice: () => {} });
const t = Date.now();
console.log(await loadFixture(sql, { domains: Number(process.argv[3]), seed: 1 }), (Date.now() - t) + ' ms');
await sql.end();
