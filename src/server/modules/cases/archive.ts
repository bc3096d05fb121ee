import { createHash } from 'node:crypto';
import { strToU8, zipSync } from 'fflate';
import type { CaseResponse } from '../../../contracts/cases.js';
import type { DocumentRow } from './cases.repository.js';

/**
 * A closed case as an archive package, after Riksarkivet's FGS Ärendehantering (and E-ARK
 * CITS ERMS): the case file (ärende) holds its records (handlingar: each timeline entry), and the
 * records hold their appendices (bilagor: the documents). metadata/arende.json describes it all
 * with checksums; the documents lie under representations/rep1/data/.
 */
export function archivePackage(
  kase: CaseResponse,
  documents: DocumentRow[],
  meta: { createdAt: Date; creator: string },
): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  const appendices = documents.map((doc, i) => {
    const path = `representations/rep1/data/${String(i + 1).padStart(3, '0')}-${doc.fileName.replace(/[^\w.\-åäöÅÄÖ ]/g, '_')}`;
    files[path] = new Uint8Array(doc.content);
    return {
      id: doc.id,
      fileName: doc.fileName,
      path,
      mimeType: doc.contentType,
      size: doc.size,
      checksum: { algorithm: 'SHA-256', value: doc.sha256 },
      created: doc.createdAt.toISOString(),
      visibility: doc.visibility,
    };
  });
  const caseFile = {
    schema: 'FGS Ärendehantering 2.0 (JSON) / E-ARK CITS ERMS',
    package: { created: meta.createdAt.toISOString(), creator: meta.creator, type: 'SIP' },
    caseFile: {
      id: kase.id,
      registrationNumber: kase.diarienummer,
      title: kase.subject,
      organisation: kase.organisation,
      unitId: kase.unitId,
      caseType: kase.caseType,
      status: kase.status.code,
      opened: kase.receivedOn,
      due: kase.dueOn,
      party: { name: kase.companyName, orgnr: kase.companyOrgnr },
      description: kase.description,
      parts: kase.parts,
      consents: kase.consents,
      referrals: kase.referrals,
      records: kase.timeline.map((event) => ({
        id: event.id,
        type: event.kind,
        created: event.createdAt,
        visibility: event.visibility,
        author: event.authorName,
        text: event.body,
        data: event.data,
        appendices: appendices
          .filter((a) => (event.data as { documentId?: string }).documentId === a.id)
          .map((a) => a.id),
      })),
      appendices,
    },
  };
  const metadata = strToU8(`${JSON.stringify(caseFile, null, 2)}\n`);
  files['metadata/arende.json'] = metadata;
  const manifest = Object.entries(files)
    .map(([path, bytes]) => `${createHash('sha256').update(bytes).digest('hex')}  ${path}`)
    .join('\n');
  files['manifest-sha256.txt'] = strToU8(`${manifest}\n`);
  return zipSync(files);
}
