import { z } from 'zod';
import type { AnnouncementDraft, AnnouncementField } from '../../domain/announcements';
import { AnnounceIds as Ids } from '../ids';
import { readConversation, readOptions, readText, type ViewStateValues } from '../state';

export const BLOCK_OF_ANNOUNCEMENT_FIELD: Record<AnnouncementField, string> = {
  channelId: Ids.channel,
  text: Ids.text,
  joinButton: Ids.options,
  postAt: Ids.postAt,
};

const composerMetadata = z.object({ cohortId: z.number().int().positive() });
const previewMetadata = z.object({ announcementId: z.number().int().positive() });
/** A datetimepicker's state: Unix seconds. */
const dateTimeState = z.looseObject({ selected_date_time: z.number().int().nullish() });

function json(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

export type ComposerSubmission =
  { ok: true; cohortId: number; draft: AnnouncementDraft } | { ok: false; errors: Record<string, string> };

export function parseComposerSubmission(
  values: ViewStateValues,
  privateMetadata: string,
): ComposerSubmission {
  const metadata = composerMetadata.safeParse(json(privateMetadata));
  if (!metadata.success)
    return {
      ok: false,
      errors: { [Ids.text]: 'This form is out of date; please close it and start again.' },
    };
  const picker = dateTimeState.safeParse(values[Ids.postAt]?.[Ids.value] ?? {});
  if (!picker.success) return { ok: false, errors: { [Ids.postAt]: 'Please pick a date and a time.' } };
  const seconds = picker.data.selected_date_time;
  return {
    ok: true,
    cohortId: metadata.data.cohortId,
    draft: {
      channelId: readConversation(values, Ids.channel) ?? '',
      text: readText(values, Ids.text) ?? '',
      joinButton: readOptions(values, Ids.options).includes('join'),
      postAt: seconds === null || seconds === undefined ? null : new Date(seconds * 1000).toISOString(),
    },
  };
}

export function parsePreviewMetadata(raw: string): number | undefined {
  const parsed = previewMetadata.safeParse(json(raw));
  return parsed.success ? parsed.data.announcementId : undefined;
}
