import type { Db } from '../../db/connection';
import type { AppLogger } from '../logger';
import { rememberPairingConversation } from '../services/introductions';
import { type AfterSent, Dispatcher, type DispatcherOptions } from './dispatcher';
import { Pacer } from './pacer';
import { dispatcherWebClient, slackOutbox } from './slack-outbox';

/** Kinds whose sending teaches us something to keep: the group DM a pairing talks in. */
export const AFTER_SENT: Readonly<Record<string, AfterSent>> = {
  'pairing.introduction': rememberPairingConversation,
  'checkin.nudge': rememberPairingConversation,
  'cohort.wrap_up': rememberPairingConversation,
  'pairing.member_left': rememberPairingConversation,
};

export interface CreateDispatcherOptions extends Omit<DispatcherOptions, 'slack' | 'afterSent' | 'pacer'> {
  readonly db: Db;
  readonly logger: AppLogger;
  readonly botToken: string;
  readonly apiUrl: string | undefined;
  /** Multiplies the pacer's rates (benchmarks against an emulator running its limits faster). */
  readonly paceScale?: number;
}

export function createDispatcher(options: CreateDispatcherOptions): Dispatcher {
  const { botToken, apiUrl, paceScale, ...rest } = options;
  return new Dispatcher({
    ...rest,
    logger: options.logger.child('outbox'),
    slack: slackOutbox(dispatcherWebClient(botToken, apiUrl, options.logger)),
    pacer: new Pacer({ scale: paceScale ?? 1 }),
    afterSent: AFTER_SENT,
  });
}
