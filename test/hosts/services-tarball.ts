// Prints the path of the project's services image tarball, built and cached
// when missing (test/helpers/services-image.ts): test/hosts/run.sh gives it
// to each guest as a read-only disk.
import { servicesTarball } from '../helpers/services-image.js';

process.stdout.write(`${await servicesTarball()}\n`);
