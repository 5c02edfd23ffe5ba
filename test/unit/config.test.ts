import {
  ConfigError,
  DEFAULT_DATABASE_URL,
  loadConfig,
  loadDatabaseConfig,
  parseDatabaseUrl,
} from '../../src/config';

const httpEnv = { SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_SIGNING_SECRET: 'shh' };

function problems(env: Record<string, string | undefined>): { variable: string; message: string }[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  test('when only the HTTP-mode essentials are set, then defaults fill the rest', () => {
    const config = loadConfig(httpEnv);
    expect(config.port).toBe(3000);
    expect(config.database).toEqual(parseDatabaseUrl(DEFAULT_DATABASE_URL));
    expect(config.slack).toEqual({
      botToken: 'xoxb-1-2-abc',
      signingSecret: 'shh',
      appToken: undefined,
      apiUrl: undefined,
    });
    expect(config.adminUserIds).toEqual([]);
    expect(config.logLevel).toBe('info');
    expect(Object.isFrozen(config)).toBe(true);
  });

  test('when the environment is empty, then each missing variable is named with where to find it', () => {
    const found = problems({});
    expect(found.map((p) => p.variable)).toEqual(['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET']);
    expect(found[0]?.message).toMatch(/OAuth & Permissions/);
    expect(found[1]?.message).toMatch(/HTTP mode.*SLACK_APP_TOKEN/);
  });

  test('when an app token is set, then Socket Mode needs no signing secret', () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1-A1-2-x' });
    expect(config.slack.appToken).toBe('xapp-1-A1-2-x');
    expect(config.slack.signingSecret).toBeUndefined();
  });

  test.each([
    ['SLACK_BOT_TOKEN', 'xoxp-user-token', /xoxb-/],
    ['SLACK_APP_TOKEN', 'xoxb-not-app', /xapp-/],
    ['PORT', 'eighty', /port number/],
    ['PORT', '70000', /between 0 and 65535/],
    ['PORT', '3.5', /port number/],
    ['SLACK_API_URL', 'not a url', /http\(s\) URL/],
    ['SLACK_API_URL', 'ftp://example.com/api/', /http\(s\) URL/],
    ['DATABASE_URL', 'mysql://localhost/db', /sqlite:<path>/],
    ['DATABASE_URL', 'postgres://localhost/db', /PostgreSQL is not supported yet/],
    ['DATABASE_URL', 'sqlite:', /needs a file path/],
    ['ADMIN_USER_IDS', 'U123ABC, alice', /"alice" is not a Slack user id/],
    ['LOG_LEVEL', 'verbose', /debug, info, warn, error/],
  ])('when %s is %p, then the error names it and says why', (variable, value, message) => {
    const found = problems({ ...httpEnv, [variable]: value });
    expect(found).toEqual([{ variable, message: expect.stringMatching(message) }]);
  });

  test('when several variables are wrong, then the message lists every one and points to the README', () => {
    try {
      loadConfig({ SLACK_BOT_TOKEN: 'nope', PORT: '-1' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const text = (error as ConfigError).message;
      expect(text).toMatch(/SLACK_BOT_TOKEN/);
      expect(text).toMatch(/SLACK_SIGNING_SECRET/);
      expect(text).toMatch(/PORT/);
      expect(text).toMatch(/README\.md/);
    }
  });

  test('when values carry spaces, a trailing-slash-less API URL and a list of admins, then they are normalised', () => {
    const config = loadConfig({
      ...httpEnv,
      SLACK_API_URL: ' http://127.0.0.1:9999/api ',
      ADMIN_USER_IDS: ' U0ADMIN1 , W0ADMIN2,, ',
      LOG_LEVEL: 'DEBUG',
      PORT: ' 8080 ',
      DATABASE_URL: 'sqlite::memory:',
    });
    expect(config.slack.apiUrl).toBe('http://127.0.0.1:9999/api/');
    expect(config.adminUserIds).toEqual(['U0ADMIN1', 'W0ADMIN2']);
    expect(config.logLevel).toBe('debug');
    expect(config.port).toBe(8080);
    expect(config.database).toEqual({ kind: 'sqlite-memory' });
  });
});

describe('loadDatabaseConfig', () => {
  test('when Slack variables are absent, then the CLI can still reach the database', () => {
    expect(loadDatabaseConfig({ DATABASE_URL: 'sqlite:/tmp/x.sqlite' }).database).toEqual({
      kind: 'sqlite',
      filename: '/tmp/x.sqlite',
    });
  });
});
