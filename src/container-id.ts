/**
 * runc's rule for container ids, which also keeps them safe to use as file
 * names: letters, digits, `_`, `+`, `,`, `.` and `-` (runc's `[\w+-\.]`,
 * whose `+-\.` is a range that takes in the comma), and neither `.` nor `..`.
 */
export function isContainerId(id: string): boolean {
  return /^[\w+,.-]+$/.test(id) && id !== '.' && id !== '..';
}
