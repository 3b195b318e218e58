import type { CgroupDeviceRule, DeviceNode, Spec } from '../spec/types.js';
import type { DeviceRule, DeviceSettings } from './settings.js';
import type { Finding, HardenContext, TransformResult } from './types.js';
import { specTransform } from './unit.js';


const denyAll: CgroupDeviceRule = { allow: false, access: 'rwm' };

/**
 * Takes away the host devices that `--privileged` hands over: every node in
 * `linux.devices` that is not on the allowlist (a node's type and numbers
 * decide what it opens, whatever its path), and every device cgroup rule
 * that allows more than the allowlist, starting the rules with "deny all".
 * runc then adds its own default devices, as for any container.
 */
export function applyDevices(spec: Spec, settings: DeviceSettings, _context: HardenContext): TransformResult<Spec> {
  const linux = spec.linux;
  if (linux === undefined) return { spec, findings: [] };
  const findings: Finding[] = [];
  let next = linux;

  const nodes = linux.devices;
  if (Array.isArray(nodes)) {
    const kept = nodes.filter(node => isAllowed(node, settings.allow));
    if (kept.length !== nodes.length) {
      next = { ...next, devices: kept };
      const removed = nodes.filter(node => !kept.includes(node)).map(describeNode);
      findings.push({
        rule: 'devices',
        action: 'changed',
        path: 'linux.devices',
        message: `removed ${removed.length} device node${removed.length === 1 ? '' : 's'} not in hardening.devices.allow: ${abbreviate(removed)}`,
      });
    }
  }

  const rules = linux.resources?.devices;
  if (Array.isArray(rules)) {
    let kept = rules.filter(rule => rule.allow !== true || isMknodOnly(rule) || isAllowed(rule, settings.allow));
    // runc drops its own rule for a default device the spec lists itself, so
    // once a broad rule is gone, each node kept needs a rule of its own.
    if (kept.length !== rules.length) kept = [...kept, ...missingNodeRules(next.devices, kept)];
    const first = kept[0];
    const startsDenied = first !== undefined && isDenyAll(first);
    if (kept.length !== rules.length || kept.some((rule, i) => rule !== rules[i]) || !startsDenied) {
      next = { ...next, resources: { ...linux.resources, devices: startsDenied ? kept : [denyAll, ...kept] } };
      const removed = rules.filter(rule => !kept.includes(rule)).map(describeRule);
      findings.push({
        rule: 'devices',
        action: 'changed',
        path: 'linux.resources.devices',
        message: removed.length > 0
          ? `removed device cgroup rules that allow more than hardening.devices.allow (${abbreviate(removed)}) and started the rules with deny all`
          : 'started the device cgroup rules with deny all (hardening.devices.allow)',
      });
    }
  }
  return next === linux ? { spec, findings } : { spec: { ...spec, linux: next }, findings };
}

function missingNodeRules(nodes: DeviceNode[] | undefined, rules: CgroupDeviceRule[]): CgroupDeviceRule[] {
  if (!Array.isArray(nodes)) return [];
  return nodes
    .filter(node => !rules.some(rule => rule.allow === true && rule.type === node.type && rule.major === node.major && rule.minor === node.minor))
    .map(node => ({ allow: true, type: node.type, major: node.major, minor: node.minor, access: 'rwm' }));
}

function isAllowed(device: { type?: string; major?: number | null; minor?: number | null }, allow: readonly DeviceRule[]): boolean {
  return allow.some(rule => rule.type === device.type && rule.major === device.major && rule.minor === device.minor);
}

/**
 * Creating a node grants nothing until a rule allows reading or writing it;
 * runc adds these itself. Only for a type of its own: an allow rule of type
 * `a` (or of no type) is "every device" to cgroup v1, whatever its numbers
 * and access letters (the kernel's devices.allow and runc's emulator both
 * read it so), so `a *:* m` would open every device.
 */
function isMknodOnly(rule: CgroupDeviceRule): boolean {
  return rule.access === 'm' && (rule.type === 'b' || rule.type === 'c');
}

/** A rule's major or minor that means "any": absent, null or -1, as runc reads all three. */
function isWildcardNumber(value: number | null | undefined): boolean {
  return value === undefined || value === null || value === -1;
}

function isDenyAll(rule: CgroupDeviceRule): boolean {
  return (
    rule.allow === false &&
    (rule.type === undefined || rule.type === 'a') &&
    isWildcardNumber(rule.major) &&
    isWildcardNumber(rule.minor) &&
    ['r', 'w', 'm'].every(access => (rule.access ?? 'rwm').includes(access))
  );
}

function describeNode(node: DeviceNode): string {
  return `${node.path ?? '?'} (${node.type ?? '?'} ${node.major ?? '?'}:${node.minor ?? '?'})`;
}

function describeRule(rule: CgroupDeviceRule): string {
  const number = (value: number | null | undefined) => (isWildcardNumber(value) ? '*' : String(value));
  return `${rule.type ?? 'a'} ${number(rule.major)}:${number(rule.minor)} ${rule.access ?? 'rwm'}`;
}

/** `--privileged` lists a hundred nodes; a finding names a few. */
function abbreviate(items: string[]): string {
  return items.length <= 5 ? items.join(', ') : `${items.slice(0, 5).join(', ')} and ${items.length - 5} more`;
}

export const devicesTransform = specTransform({
  name: 'devices',
  defaults: {
    mode: 'harden',
    // The nodes runc itself gives every container (specconv's AllowedDevices),
    // and the console, which Docker's default device rules allow: runc gives a
    // container its console as a pty, so no host console node is there, and
    // without CAP_MKNOD none can be made.
    allow: [
      { type: 'c', major: 1, minor: 3 }, // null
      { type: 'c', major: 1, minor: 5 }, // zero
      { type: 'c', major: 1, minor: 7 }, // full
      { type: 'c', major: 1, minor: 8 }, // random
      { type: 'c', major: 1, minor: 9 }, // urandom
      { type: 'c', major: 5, minor: 0 }, // tty
      { type: 'c', major: 5, minor: 1 }, // console
    ],
  },
  apply: applyDevices,
});
