/** A `mailto:` address with subject and body, encoded as RFC 6068 wants (spaces as %20, not +). */
export function mailtoHref(to: string, subject: string, body: string): string {
  return `mailto:${to}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
}
