/**
 * `flowmock serve` reads every flag from the environment as well (`FLOWMOCK_PORT` for `--port`, …; a flag
 * wins), through commander's Option.env(). What commander leaves to us: a boolean flag's variable is read
 * by its value (commander takes any value, `false` included, for true), and an error about a value names
 * the variable it came from.
 */
import { CommanderError, type Command, type Option } from 'commander';

const TRUE = new Set(['1', 'true', 'yes', 'on']);
const FALSE = new Set(['', '0', 'false', 'no', 'off']);

/**
 * Boolean options taken from their variable, by its value: `true`, `1`, `yes`, `on` set it; `false`, `0`,
 * `no`, `off` or empty leave it off; anything else is bad usage naming the variable.
 */
export function readBooleanVariables(command: Command, options: Record<string, unknown>): void {
  for (const option of command.options) {
    if (option.required || option.optional || option.negate || option.envVar === undefined) continue;
    const key = option.attributeName();
    if (command.getOptionValueSource(key) !== 'env') continue;
    const value = (process.env[option.envVar] ?? '').trim().toLowerCase();
    if (TRUE.has(value)) options[key] = true;
    else if (FALSE.has(value)) delete options[key];
    else throw new CommanderError(2, 'flowmock.env', `invalid ${option.envVar} "${process.env[option.envVar]}" (${option.long}): give true or false (1 or 0)`);
  }
}

/** How the user gave an option: `--live` on the command line, `FLOWMOCK_LIVE` from the environment. */
export function givenAs(command: Command, key: string): string {
  const option = command.options.find((candidate) => candidate.attributeName() === key);
  if (option === undefined) return `--${key}`;
  return command.getOptionValueSource(key) === 'env' && option.envVar !== undefined ? option.envVar : option.long ?? option.flags;
}

/**
 * Our parsers say `invalid --port "abc": …`; when the value came from the variable (it equals it, and the
 * flag is not on the command line), the message names the variable instead.
 */
export function sayWhichVariable(message: string, program: Command, argv: readonly string[] = process.argv): string {
  for (const option of allOptions(program)) {
    if (option.long === undefined || option.envVar === undefined) continue;
    const value = process.env[option.envVar];
    if (value === undefined || !message.startsWith(`invalid ${option.long} "${value}"`)) continue;
    if (onCommandLine(option, argv)) continue;
    return `invalid ${option.envVar} "${value}" (${option.long})${message.slice(`invalid ${option.long} "${value}"`.length)}`;
  }
  return message;
}

function allOptions(command: Command): Option[] {
  return [...command.options, ...command.commands.flatMap(allOptions)];
}

function onCommandLine(option: Option, argv: readonly string[]): boolean {
  return argv.some((arg) => arg === option.long || arg.startsWith(`${option.long}=`) || (option.short !== undefined && arg.startsWith(option.short)));
}
