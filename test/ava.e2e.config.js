// End-to-end tests drive real dockerd, containerd, runc and runsc; they share
// one private daemon per file and must not run files in parallel on 2 cores.
export default {
  files: ['build/test/e2e/**/*.test.js'],
  concurrency: 1,
  serial: true,
  timeout: '10m',
  nodeArguments: ['--no-warnings'],
};
