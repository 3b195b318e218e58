/**
 * Reading /proc/PID/status in tests: the product's own parsers, so that a
 * capability the table does not know still shows (as CAP_<bit>) and fails
 * an allowlist assertion instead of vanishing.
 */
export { namesInMask as capabilitiesIn } from '../../src/human/inspect/capabilities.js';
export { parseStatus } from '../../src/human/inspect/proc.js';
