// Runtime entries that time each call Docker makes (create, start, delete,
// delete --force) for the benchmarks that split a docker run by call.
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** sh that sets $cmd (and $force) from a runtime's argv, skipping the global flags Docker's shim sends. */
export const findCommand = `cmd= skip= force=
for arg; do
	if [ -n "$skip" ]; then skip=; continue; fi
	case $arg in
	--root | --log | --log-format | --policy | -root | -log | -log-format) skip=1 ;;
	--force | -force | -f) force=' --force' ;;
	-*) ;;
	*) [ -z "$cmd" ] && cmd=$arg ;;
	esac
done`;

/** A runtime entry that runs `target` as a child and logs "command|start|end|status" per call. */
export function tracer(dir: string, name: string, target: string): { path: string; log: string } {
  const path = join(dir, name);
  const log = join(dir, `${name}.log`);
  writeFileSync(path, `#!/bin/sh
${findCommand}
start=$(date +%s%N)
'${target}' "$@"
status=$?
end=$(date +%s%N)
echo "$cmd$force|$start|$end|$status" >>'${log}'
exit $status
`);
  chmodSync(path, 0o755);
  return { path, log };
}

/** A backend that logs "command|time" when hardrun hands a call over to it, then becomes `target`. */
export function stamp(dir: string, target: string): { path: string; log: string } {
  const path = join(dir, 'backend-stamp');
  const log = join(dir, 'backend-stamp.log');
  writeFileSync(path, `#!/bin/sh\n${findCommand}\necho "$cmd$force|$(date +%s%N)" >>'${log}'\nexec '${target}' "$@"\n`);
  chmodSync(path, 0o755);
  return { path, log };
}

/** Median duration of each traced command, in ms. */
export function perCommand(log: string): Map<string, number[]> {
  const calls = new Map<string, number[]>();
  for (const line of readFileSync(log, 'utf8').split('\n').filter(Boolean)) {
    const [command, start, end] = line.split('|');
    calls.set(command!, [...(calls.get(command!) ?? []), (Number(end) - Number(start)) / 1e6]);
  }
  return calls;
}


/**
 * A runtime entry that logs "command|start|end|status|cpu" per call, cpu
 * being the task-clock in ms (perf stat) of `target` and every process it
 * waits for: the runtime, its hooks. A busy machine moves it far less than
 * the wall time.
 */
export function cpuTracer(dir: string, name: string, target: string): { path: string; log: string } {
  const path = join(dir, name);
  const log = join(dir, `${name}.log`);
  writeFileSync(path, `#!/bin/sh
${findCommand}
out=$(mktemp)
start=$(date +%s%N)
perf stat -x, -e task-clock -o "$out" -- '${target}' "$@"
status=$?
end=$(date +%s%N)
cpu=$(grep task-clock "$out" | cut -d, -f1)
rm -f "$out"
echo "$cmd$force|$start|$end|$status|$cpu" >>'${log}'
exit $status
`);
  chmodSync(path, 0o755);
  return { path, log };
}

/** The CPU time of each command a cpuTracer logged, in ms. */
export function cpuPerCommand(log: string): Map<string, number[]> {
  const calls = new Map<string, number[]>();
  for (const line of readFileSync(log, 'utf8').split('\n').filter(Boolean)) {
    const [command, , , , cpu] = line.split('|');
    calls.set(command!, [...(calls.get(command!) ?? []), Number(cpu)]);
  }
  return calls;
}
