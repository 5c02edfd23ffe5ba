import type { LogLevel, Logger as SlackLogger } from '@slack/logger';
import type { LogLevel as Level } from './config';

/**
 * One structured logger for the app and for Bolt (it implements Bolt's Logger interface). Each
 * line is a JSON object: time, level, name, msg, plus the fields passed as a trailing object.
 *
 * Tokens never reach the output: anything shaped like a Slack token is masked, whatever field it
 * hides in, because Bolt and the SDK log request details at debug level. Callers must still never
 * pass survey answers or self-identification data; the logger cannot recognise those.
 */

export type LogFields = Readonly<Record<string, unknown>>;

export interface AppLogger extends SlackLogger {
  /** A named logger; `floor` keeps it at or above a level whatever LOG_LEVEL says. */
  child(name: string, options?: { floor?: Level }): AppLogger;
  event(level: Level, msg: string, fields?: LogFields): void;
}

const SEVERITY: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const TOKEN_PATTERN = /\b(xox[abposre]|xapp)-[A-Za-z0-9-]+/g;

export function redact(text: string): string {
  return text.replace(TOKEN_PATTERN, (_match, prefix: string) => `${prefix}-[redacted]`);
}

function serialise(value: unknown): unknown {
  if (value instanceof Error) {
    const code = (value as Error & { code?: unknown }).code;
    return {
      name: value.name,
      message: redact(value.message),
      ...(code === undefined ? {} : { code }),
      ...(value.stack === undefined ? {} : { stack: redact(value.stack) }),
    };
  }
  return value;
}

export type LogSink = (line: string) => void;

const stdoutSink: LogSink = (line) => {
  process.stdout.write(`${line}\n`);
};

export function createLogger(options: { level: Level; name?: string; sink?: LogSink }): AppLogger {
  let level: Level = options.level;
  let name = options.name ?? 'mentor-bot';
  const sink = options.sink ?? stdoutSink;

  function write(at: Level, msg: string, fields: LogFields | undefined): void {
    if (SEVERITY[at] < SEVERITY[level]) return;
    const entry: Record<string, unknown> = { time: new Date().toISOString(), level: at, name, msg };
    for (const [key, value] of Object.entries(fields ?? {})) entry[key] = serialise(value);
    sink(redact(JSON.stringify(entry)));
  }

  // Bolt and the SDK call these with free-form arguments: strings, errors, objects.
  function fromArgs(at: Level, args: unknown[]): void {
    const errors = args.filter((a): a is Error => a instanceof Error);
    const text = args
      .filter((a) => !(a instanceof Error))
      .map((a) => (typeof a === 'string' ? a : JSON.stringify(a)))
      .join(' ');
    write(at, text || (errors[0]?.message ?? ''), errors[0] === undefined ? undefined : { err: errors[0] });
  }

  const logger: AppLogger = {
    debug: (...args: unknown[]) => fromArgs('debug', args),
    info: (...args: unknown[]) => fromArgs('info', args),
    warn: (...args: unknown[]) => fromArgs('warn', args),
    error: (...args: unknown[]) => fromArgs('error', args),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level as LogLevel,
    setName: (next: string) => {
      name = next;
    },
    child: (childName, childOptions) => {
      const floor = childOptions?.floor;
      const childLevel = floor !== undefined && SEVERITY[floor] > SEVERITY[level] ? floor : level;
      return createLogger({ level: childLevel, name: `${name}:${childName}`, sink });
    },
    event: write,
  };
  return logger;
}
