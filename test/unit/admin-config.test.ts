import { ConfigError, loadConfig } from '../../src/config';

const httpEnv = { SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_SIGNING_SECRET: 'shh' };

describe('ADMINS_INCLUDE_WORKSPACE_ADMINS', () => {
  test('when it is absent or empty, then only ADMIN_USER_IDS are admins', () => {
    expect(loadConfig(httpEnv).adminsIncludeWorkspaceAdmins).toBe(false);
    expect(
      loadConfig({ ...httpEnv, ADMINS_INCLUDE_WORKSPACE_ADMINS: ' ' }).adminsIncludeWorkspaceAdmins,
    ).toBe(false);
  });

  test.each([
    ['true', true],
    ['TRUE', true],
    ['1', true],
    ['yes', true],
    ['false', false],
    ['0', false],
    ['no', false],
  ])('when it is %s, then it reads as %s', (value, expected) => {
    expect(
      loadConfig({ ...httpEnv, ADMINS_INCLUDE_WORKSPACE_ADMINS: value }).adminsIncludeWorkspaceAdmins,
    ).toBe(expected);
  });

  test('when it is something else, then startup names the variable', () => {
    expect(() => loadConfig({ ...httpEnv, ADMINS_INCLUDE_WORKSPACE_ADMINS: 'sometimes' })).toThrow(
      ConfigError,
    );
    try {
      loadConfig({ ...httpEnv, ADMINS_INCLUDE_WORKSPACE_ADMINS: 'sometimes' });
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([
        { variable: 'ADMINS_INCLUDE_WORKSPACE_ADMINS', message: 'must be true or false' },
      ]);
    }
  });
});
