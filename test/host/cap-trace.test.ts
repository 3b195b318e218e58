import test from 'ava';
import { isTraceInstance, parseCapabilityTrace } from '../../src/host/cap-trace.js';

const trace = `# tracer: nop
#
#           TASK-PID     CPU#  |||||  TIMESTAMP  FUNCTION
#              | |         |   |||||     |         |
            sshd-5004    [000] .....   826.253151: cap_capable: cred 000000002da89603, target_ns 000000009bbbb6c5, capable_ns 000000009bbbb6c5, cap 18, ret -1
           mkdir-5018    [001] .n...   826.239776: cap_capable: cred 000000002da89603, target_ns 000000009bbbb6c5, capable_ns 000000009bbbb6c5, cap 2, ret -1
     docker-init-17      [000] .....   826.255193: cap_capable: cred 000000002da89603, target_ns 000000009bbbb6c5, capable_ns 000000009bbbb6c5, cap 2, ret 0
            sshd-5006    [000] .....   826.255194: cap_capable: cred 000000002da89603, target_ns 000000009bbbb6c5, capable_ns 000000009bbbb6c5, cap 18, ret 0
`;

test('a trace reads as the capabilities refused, and to whom; granted checks are no need', t => {
  t.deepEqual(parseCapabilityTrace(trace), [{ cap: 2, programs: ['mkdir'] }, { cap: 18, programs: ['sshd'] }]);
});

test('a granted check counts for a capability the container held beyond the allowlist (watched, not enforced): enforcing would refuse it', t => {
  // sshd-5006 chrooted with CAP_SYS_CHROOT (18) that Docker gave and the allowlist lacks; docker-init's granted CAP_DAC_OVERRIDE (2) is no need.
  t.deepEqual(parseCapabilityTrace(trace, [18]), [{ cap: 2, programs: ['mkdir'] }, { cap: 18, programs: ['sshd'] }]);
  t.deepEqual(parseCapabilityTrace(trace.split('\n').filter(line => !line.includes('ret -1')).join('\n'), [18]), [{ cap: 18, programs: ['sshd'] }]);
  t.deepEqual(parseCapabilityTrace(trace.split('\n').filter(line => !line.includes('ret -1')).join('\n')), []);
});

test('lines that are no cap_capable event are no capability', t => {
  t.deepEqual(parseCapabilityTrace('# tracer: nop\n  bash-1 [000] ..... 1.0: sched_switch: prev_comm=bash cap 3, ret 0\n\n'), []);
});

test('only instances named as hardrun names them are ever removed', t => {
  t.true(isTraceInstance('/sys/kernel/tracing/instances/hardrun-0123456789ab-web'));
  t.true(isTraceInstance('/sys/kernel/debug/tracing/instances/hardrun-0123456789ab-web'));
  t.false(isTraceInstance('/sys/kernel/tracing/instances/other'));
  t.false(isTraceInstance('/sys/kernel/tracing/instances/hardrun-x/../../'));
  t.false(isTraceInstance('/sys/kernel/tracing/instances/hardrun-'));
  t.false(isTraceInstance('/tmp/instances/hardrun-x'));
});
