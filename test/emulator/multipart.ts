/**
 * A minimal multipart/form-data parser: enough for what @slack/web-api sends
 * (filesUploadV2's upload step and any method called with a Buffer argument).
 */

export interface MultipartPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

export function boundaryOf(contentType: string): string | undefined {
  const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2]?.trim();
}

export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let cursor = body.indexOf(delimiter);
  while (cursor !== -1) {
    const afterDelimiter = cursor + delimiter.length;
    // `--boundary--` closes the body.
    if (body.subarray(afterDelimiter, afterDelimiter + 2).toString() === '--') break;
    const headerStart = afterDelimiter + 2;
    const headerEnd = body.indexOf('\r\n\r\n', headerStart);
    if (headerEnd === -1) break;
    const next = body.indexOf(delimiter, headerEnd + 4);
    if (next === -1) break;
    // The CRLF before the next delimiter belongs to the delimiter, not the content.
    const data = body.subarray(headerEnd + 4, next - 2);
    const headers = body.subarray(headerStart, headerEnd).toString('utf8').split('\r\n');
    let name = '';
    let filename: string | undefined;
    let contentType: string | undefined;
    for (const header of headers) {
      const [key = '', ...rest] = header.split(':');
      const value = rest.join(':').trim();
      if (key.toLowerCase() === 'content-disposition') {
        name = /\bname="([^"]*)"/i.exec(value)?.[1] ?? '';
        filename = /\bfilename="([^"]*)"/i.exec(value)?.[1];
      } else if (key.toLowerCase() === 'content-type') {
        contentType = value;
      }
    }
    const part: MultipartPart = { name, data: Buffer.from(data) };
    if (filename !== undefined) part.filename = filename;
    if (contentType !== undefined) part.contentType = contentType;
    parts.push(part);
    cursor = next;
  }
  return parts;
}
