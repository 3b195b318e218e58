// The package tests (npm run test:package) check dist/, which `npm run package`
// has just built: cross-built engines run under qemu, lintian, and a second
// build for the bytes. Slow and CPU-bound: one file and one test at a time.
export default {
  files: ['build/test/package/**/*.test.js'],
  concurrency: 1,
  serial: true,
  timeout: '10m',
  nodeArguments: ['--no-warnings'],
};
