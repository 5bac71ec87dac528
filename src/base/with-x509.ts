/**
 * Loads a module that uses @peculiar/x509 after reflect-metadata. In the bundled CLI a
 * static `import 'reflect-metadata'` (src/base/x509.ts) runs after the chunks it imports, so
 * the order is made explicit here, as src/facts/certificate.ts does for the parser.
 */
export async function withX509<T>(load: () => Promise<T>): Promise<T> {
  await import('reflect-metadata');
  return load();
}
