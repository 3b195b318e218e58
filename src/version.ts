// Set by `bun build --define` (package.json build:engine); absent under Node.
declare const HARDRUN_VERSION: string | undefined;
declare const HARDRUN_COMMIT: string | undefined;

/** hardrun's own version, from package.json at build time. */
export const hardrunVersion = typeof HARDRUN_VERSION === 'string' ? HARDRUN_VERSION : 'unknown';

/** The commit the engine was built from (`git describe --always --dirty`). */
export const hardrunCommit = typeof HARDRUN_COMMIT === 'string' ? HARDRUN_COMMIT : 'unknown';
