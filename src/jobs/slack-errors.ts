/**
 * What a failed Web API call means for an outbox row. The dispatcher's WebClient neither retries
 * nor waits on 429 (`retries: 0`, `rejectRateLimitedCalls: true`), so every failure comes here.
 */

export type SlackFailure =
  /** 429: nothing was posted; wait Retry-After and try again, without counting a failure. */
  | { readonly kind: 'rate_limited'; readonly retryAfterSeconds: number; readonly code: string }
  /** Slack answered and refused for good (deactivated user, archived channel, bad blocks…). */
  | { readonly kind: 'permanent'; readonly code: string }
  /**
   * May pass: 5xx, network error, timeout, or an ok:false that Slack documents as temporary.
   * `ambiguous` when the message may have been posted anyway (no definite answer came back).
   */
  | { readonly kind: 'transient'; readonly code: string; readonly ambiguous: boolean };

/** ok:false errors Slack documents as temporary; every other ok:false is final. */
const TRANSIENT_PLATFORM_ERRORS = new Set([
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
  'ratelimited',
  'team_added_to_org',
]);

/** Errors that no retry can fix; listed so the intent is explicit (the default is the same). */
export const PERMANENT_ERRORS = [
  'user_not_found',
  'account_inactive',
  'user_disabled',
  'users_not_found',
  'channel_not_found',
  'is_archived',
  'not_in_channel',
  'cannot_dm_bot',
  'invalid_blocks',
  'invalid_blocks_format',
  'msg_too_long',
  'no_text',
  'too_many_users',
  'restricted_action',
  'missing_scope',
  'not_authed',
  'invalid_auth',
  'token_revoked',
] as const;

interface SlackErrorShape {
  code?: unknown;
  retryAfter?: unknown;
  statusCode?: unknown;
  data?: { error?: unknown };
  message?: unknown;
}

// Checked by code, not class: the SDK's error classes may come from another module instance.
export function classifySlackError(error: unknown): SlackFailure {
  const e = (typeof error === 'object' && error !== null ? error : {}) as SlackErrorShape;
  switch (e.code) {
    case 'slack_webapi_rate_limited_error':
      return {
        kind: 'rate_limited',
        retryAfterSeconds: typeof e.retryAfter === 'number' && e.retryAfter > 0 ? e.retryAfter : 1,
        code: 'ratelimited',
      };
    case 'slack_webapi_platform_error': {
      const code = typeof e.data?.error === 'string' ? e.data.error : 'unknown_error';
      return TRANSIENT_PLATFORM_ERRORS.has(code)
        ? { kind: 'transient', code, ambiguous: false }
        : { kind: 'permanent', code };
    }
    case 'slack_webapi_http_error': {
      const status = typeof e.statusCode === 'number' ? e.statusCode : 0;
      if (status >= 500) return { kind: 'transient', code: `http_${status}`, ambiguous: true };
      return { kind: 'permanent', code: `http_${status}` };
    }
    default:
      return { kind: 'transient', code: 'network_error', ambiguous: true };
  }
}
