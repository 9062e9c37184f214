import { DuckDBInstance } from '@duckdb/node-api';
const inst = await DuckDBInstance.create(':memory:');
const c = await inst.connect();
const sql = process.argv.slice(2).join(' ');
for (const s of sql.split(';;')) { if (!s.trim()) continue; const r = await c.runAndReadAll(s); console.table(r.getRowObjects().slice(0,60)); }
