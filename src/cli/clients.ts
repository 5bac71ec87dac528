/** --client values → profile ids: the rules live in src/diagnose/clients.ts (batch shares them). */
export { defaultClientValues, resolveClients, type ResolvedClients } from '../diagnose/clients.js';
