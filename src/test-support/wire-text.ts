/**
 * What a pushed row's `sealed` text shows to someone reading the server's copy, for the tests
 * that search it for a patient's or a member's words (issue 14: the server holds no name and no
 * clinical fact in clear).
 *
 * Why not search the text as it is: a row travels as base64url (of JSON whose byte arrays are
 * base64url again), and random ciphertext in base64url contains any given four letters now and
 * then ("mash" turned up by chance about once in fifty runs). So every base64url run of 16 or
 * more characters is decoded: one that is JSON (a layer of the wire) is read in turn; one that
 * is not and mixes upper and lower case (ciphertext, an IV, a MAC: a random run of 16 has both
 * all but once in 4,000) is dropped, having nothing readable in it. A run in one case only (a
 * clear identifier such as "department-sharing-on") is kept and searched. What remains is every
 * clear part of the row at every layer, which is exactly what must not hold the words searched for.
 */

const BASE64URL_RUN = /[A-Za-z0-9_-]{16,}={0,2}/g;

function decodedJson(run: string): string | undefined {
  const bytes = Buffer.from(run.replace(/=+$/, ''), 'base64url');
  const text = bytes.toString('utf8');
  if (!Buffer.from(text, 'utf8').equals(bytes)) return undefined;
  try {
    JSON.parse(text);
    return text;
  } catch {
    return undefined;
  }
}

/** Every clear layer of a wire text, random bytes left out; `depth` bounds the nesting read. */
export function wireClearText(text: string, depth = 6): string {
  if (depth === 0) return text;
  const whole = decodedJson(text.trim());
  if (whole !== undefined) return wireClearText(whole, depth - 1);
  return text.replace(BASE64URL_RUN, (run) => {
    const inner = decodedJson(run);
    if (inner !== undefined) return ` ${wireClearText(inner, depth - 1)} `;
    return /[a-z]/.test(run) && /[A-Z]/.test(run) ? ' ' : run;
  });
}
