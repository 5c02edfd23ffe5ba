/**
 * Splits slash-command text into words. With `should_escape` on (see manifest.json), Slack sends
 * mentions as `<@U123|name>` and channels as `<#C123|name>`: each stays one word, whatever spaces
 * its display name holds.
 */
export function tokenize(text: string): string[] {
  return text.match(/<[^>]*>|\S+/g) ?? [];
}
