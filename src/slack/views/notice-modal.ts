import type { ModalView } from '@slack/types';
import { NoticeIds } from '../ids';
import { truncate } from './text';

/** A small modal that only explains, e.g. why an action was refused or changed nothing. Pure. */
export function noticeModal(title: string, text: string): ModalView {
  return {
    type: 'modal',
    callback_id: NoticeIds.modal,
    title: { type: 'plain_text', text: truncate(title, 24) },
    close: { type: 'plain_text', text: 'Close' },
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: truncate(text, 3000) } }],
  };
}
