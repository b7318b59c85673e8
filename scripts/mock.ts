// `npm start`: every API on one port (PORT, default 4010), with a curl for each operation.
import { startMockServer } from '../src/mock/index.ts';

const port = Number(process.env.PORT ?? 4010);
const mock = await startMockServer({ port, log: (line) => console.log(line) });
console.log(`mock of every API listening on ${mock.url}`);
const shutdown = () => mock.close().then(() => process.exit(0));
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
