// @peculiar/x509 resolves its algorithm providers through tsyringe, which needs the
// Reflect metadata API before anything else is imported.
import 'reflect-metadata';
import { processIo } from './io.js';
import { run } from './run.js';

process.exitCode = await run(process.argv.slice(2), processIo);
