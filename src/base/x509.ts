/**
 * @peculiar/x509, with what it needs loaded first: it resolves its algorithm providers
 * through tsyringe, which requires the Reflect metadata API at evaluation time. Every value
 * import of the library goes through this module so that no entry point (the CLI, a
 * worker, a script) can load it in the wrong order.
 */
import 'reflect-metadata';
export * from '@peculiar/x509';
