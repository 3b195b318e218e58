import type { HumanCommand } from './cli.js';

/** The operator's commands (setup, doctor, inspect, ps). */
export const operateCommands: readonly HumanCommand[] = [];
