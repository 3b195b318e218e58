import { capabilityName } from '../../host/capability-numbers.js';

/** The names of the bits set in a hex mask such as "00000000a80425fb"; unknown bits as CAP_<n>. */
export function namesInMask(mask: string): string[] {
  const bits = BigInt(`0x${mask || '0'}`);
  const names: string[] = [];
  for (let bit = 0; bit < 64; bit += 1) {
    if ((bits >> BigInt(bit)) & 1n) names.push(capabilityName(bit));
  }
  return names;
}
