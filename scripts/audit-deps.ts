/**
 * `npm run audit:deps`: `npm audit --omit=dev --audit-level=high` when the registry's audit
 * endpoint answers; when it does not (some networks answer 405), says so and lists the runtime
 * dependencies with their exact versions, to check by hand against the GitHub Advisory Database.
 * Exit code: npm audit's own (non-zero on high or critical), or 2 when no audit could be made.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const run = spawnSync('npm', ['audit', '--omit=dev', '--audit-level=high'], { encoding: 'utf8' });
const output = `${run.stdout ?? ''}${run.stderr ?? ''}`;
if (!/audit endpoint|405|ENOAUDIT|EAUDIT|Method Not Allowed/i.test(output)) {
  process.stdout.write(output);
  process.exit(run.status ?? 1);
}
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> };
process.stderr.write(
  `npm audit could not reach the registry's audit endpoint:\n${output.trim().split('\n').slice(-3).join('\n')}\n\n`,
);
process.stdout.write('Runtime dependencies to check by hand (https://github.com/advisories):\n');
for (const [name, version] of Object.entries(pkg.dependencies)) process.stdout.write(`  ${name}@${version}\n`);
process.exit(2);
