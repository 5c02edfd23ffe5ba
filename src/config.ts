import { existsSync } from 'node:fs';
import { z } from 'zod';

/**
 * The process environment, validated once. Everything the app knows about its deployment comes
 * through here; nothing else reads `process.env`. The parsed object is frozen and must never be
 * logged: it holds the bot token and signing secret.
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export type DatabaseTarget = { kind: 'sqlite'; filename: string } | { kind: 'sqlite-memory' };

export interface DatabaseConfig {
  readonly database: DatabaseTarget;
  readonly logLevel: LogLevel;
}

export interface Config extends DatabaseConfig {
  readonly slack: {
    readonly botToken: string;
    /** Absent in Socket Mode, where Slack authenticates the WebSocket instead of signing requests. */
    readonly signingSecret: string | undefined;
    /** Present means Socket Mode. */
    readonly appToken: string | undefined;
    /** Base URL of the Web API, always ending in `/`; undefined means Slack's own. */
    readonly apiUrl: string | undefined;
  };
  readonly port: number;
  readonly adminUserIds: readonly string[];
  /** Workspace admins and owners (users.info is_admin / is_owner) are program admins too. */
  readonly adminsIncludeWorkspaceAdmins: boolean;
}

export const DEFAULT_DATABASE_URL = 'sqlite:db/mentor-bot.sqlite';
export const SETUP_HINT = 'See README.md, section "Configuration", for what each variable means.';

const SLACK_USER_ID = /^[UW][A-Z0-9]{2,}$/;

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const logLevel = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(['debug', 'info', 'warn', 'error'], { error: 'must be one of debug, info, warn, error' }))
  .optional()
  .default('info');

export function parseDatabaseUrl(raw: string): DatabaseTarget | { error: string } {
  if (raw === 'sqlite::memory:') return { kind: 'sqlite-memory' };
  if (raw.startsWith('sqlite:')) {
    const filename = raw.slice('sqlite:'.length);
    if (filename === '') return { error: 'sqlite: needs a file path, e.g. sqlite:db/mentor-bot.sqlite' };
    return { kind: 'sqlite', filename };
  }
  if (/^postgres(ql)?:\/\//.test(raw)) {
    return { error: 'PostgreSQL is not supported yet; use sqlite:<path> or sqlite::memory:' };
  }
  return { error: 'must be sqlite:<path> or sqlite::memory:' };
}

const databaseUrl = z
  .string()
  .trim()
  .optional()
  .transform((value, ctx): DatabaseTarget => {
    const parsed = parseDatabaseUrl(value === undefined || value === '' ? DEFAULT_DATABASE_URL : value);
    if ('error' in parsed) {
      ctx.addIssue({ code: 'custom', message: parsed.error });
      return z.NEVER;
    }
    return parsed;
  });

const databaseSchema = z.object({ DATABASE_URL: databaseUrl, LOG_LEVEL: logLevel });

const appSchema = databaseSchema.extend({
  SLACK_BOT_TOKEN: z
    .string({ error: 'required: the bot token from "OAuth & Permissions" (starts with xoxb-)' })
    .trim()
    .min(1, 'required: the bot token from "OAuth & Permissions" (starts with xoxb-)')
    .startsWith('xoxb-', 'must be a bot token starting with xoxb-'),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText.pipe(
    z.string().startsWith('xapp-', 'must be an app-level token starting with xapp-').optional(),
  ),
  PORT: z
    .string()
    .trim()
    .optional()
    .transform((value) => (value === undefined || value === '' ? 3000 : Number(value)))
    .pipe(
      z
        .number({ error: 'must be a port number between 0 and 65535' })
        .int('must be a port number between 0 and 65535')
        .min(0, 'must be a port number between 0 and 65535')
        .max(65535, 'must be a port number between 0 and 65535'),
    ),
  SLACK_API_URL: optionalText.pipe(
    z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://slack.com/api/' })
      .transform((url) => (url.endsWith('/') ? url : `${url}/`))
      .optional(),
  ),
  ADMIN_USER_IDS: z
    .string()
    .optional()
    .transform((value) =>
      (value ?? '')
        .split(',')
        .map((id) => id.trim())
        .filter((id) => id !== ''),
    )
    .pipe(
      z.array(
        z.string().regex(SLACK_USER_ID, {
          error: (issue) =>
            `"${String(issue.input)}" is not a Slack user id (expected ids such as U012ABCDEF)`,
        }),
      ),
    ),
  ADMINS_INCLUDE_WORKSPACE_ADMINS: z
    .string()
    .trim()
    .toLowerCase()
    .optional()
    .transform((value) => (value === undefined || value === '' ? 'false' : value))
    .pipe(z.enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' }))
    .transform((value) => value === 'true' || value === '1' || value === 'yes'),
});

export class ConfigError extends Error {
  readonly code = 'config_invalid';
  constructor(readonly problems: readonly { variable: string; message: string }[]) {
    super(
      [
        'mentor-bot cannot start: the environment is incomplete or invalid.',
        ...problems.map((p) => `  - ${p.variable}: ${p.message}`),
        SETUP_HINT,
      ].join('\n'),
    );
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

/** What to say when a required variable is absent, naming where to find its value. */
const REQUIRED: Record<string, string> = {
  SLACK_BOT_TOKEN: 'required: the bot token from "OAuth & Permissions" (starts with xoxb-)',
};

function isBlank(env: Env, variable: string): boolean {
  return (env[variable] ?? '').trim() === '';
}

function problemsOf(error: z.ZodError | undefined, env: Env): { variable: string; message: string }[] {
  const seen = new Set<string>();
  const problems: { variable: string; message: string }[] = [];
  for (const issue of error?.issues ?? []) {
    const variable = String(issue.path[0] ?? 'environment');
    const message = isBlank(env, variable) ? (REQUIRED[variable] ?? 'required') : issue.message;
    if (seen.has(`${variable}:${message}`)) continue;
    seen.add(`${variable}:${message}`);
    problems.push({ variable, message });
  }
  return problems;
}

/** HTTP mode needs the signing secret to verify requests; Socket Mode authenticates otherwise. */
function modeProblems(env: Env): { variable: string; message: string }[] {
  if (!isBlank(env, 'SLACK_APP_TOKEN') || !isBlank(env, 'SLACK_SIGNING_SECRET')) return [];
  return [
    {
      variable: 'SLACK_SIGNING_SECRET',
      message:
        'required in HTTP mode: the signing secret from "Basic Information" (or set SLACK_APP_TOKEN for Socket Mode)',
    },
  ];
}

/** Settings the CLI needs for database work, without requiring Slack credentials. */
export function loadDatabaseConfig(env: Env): DatabaseConfig {
  const result = databaseSchema.safeParse(env);
  if (!result.success) throw new ConfigError(problemsOf(result.error, env));
  return Object.freeze({ database: result.data.DATABASE_URL, logLevel: result.data.LOG_LEVEL });
}

export function loadConfig(env: Env): Config {
  const result = appSchema.safeParse(env);
  const problems = [...problemsOf(result.error, env), ...modeProblems(env)];
  if (!result.success || problems.length > 0) throw new ConfigError(problems);
  const e = result.data;
  return Object.freeze({
    database: e.DATABASE_URL,
    logLevel: e.LOG_LEVEL,
    port: e.PORT,
    adminUserIds: Object.freeze([...e.ADMIN_USER_IDS]),
    adminsIncludeWorkspaceAdmins: e.ADMINS_INCLUDE_WORKSPACE_ADMINS,
    slack: Object.freeze({
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      appToken: e.SLACK_APP_TOKEN,
      apiUrl: e.SLACK_API_URL,
    }),
  });
}

/** Loads `.env` from the working directory when present; real environment variables win. */
export function loadDotEnv(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
}
