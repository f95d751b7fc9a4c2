/** A URL with its user:password part hidden, for logs and screens (broker, database and camera URLs carry them). */
export function redactUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}
