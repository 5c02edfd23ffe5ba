/** Employee input: a one-question pulse people answer in their own words. Pure. */

export const PULSE_PROMPT = 'What should this program offer you?';
export const PULSE_ANSWER_MAX = 2000;

/** What is wrong with an answer, or undefined when it can be stored. */
export function pulseAnswerProblem(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return 'Please write a few words, or close this form.';
  if (trimmed.length > PULSE_ANSWER_MAX)
    return `Please keep it under ${PULSE_ANSWER_MAX} characters (now ${trimmed.length}).`;
  return undefined;
}
