/**
 * Diarienummer: per organisation and year, e.g. `BOT 2026/00042`. The prefix is the organisation's
 * own (first three letters of its id unless the organisation has one configured). The number is
 * formatted where it is drawn, in the statement that opens the case (cases.repository openCase).
 */
export function diariumPrefix(organisationId: string): string {
  const letters = organisationId
    .replace(/[^a-z]/g, '')
    .slice(0, 3)
    .toUpperCase();
  return letters.padEnd(3, 'X');
}
