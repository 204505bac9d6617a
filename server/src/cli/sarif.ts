// SARIF 2.1.0 (OASIS), the format GitHub code scanning and other result viewers import.
import { isAbsolute, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RULES, ruleDocsUrl } from '../rules/registry';
import type { Severity } from '../rules/types';
import { VERSION } from '../version';
import type { EditReport, FileReport, FindingReport } from './engine';
import type { Range } from './positions';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/** Paths inside the working directory are relative to this base, which viewers resolve against their checkout. */
const BASE = '%SRCROOT%';

/** `errors` are the run's problems (unreadable files, invalid configuration): the invocation reports them. */
export function sarifLog(reports: readonly FileReport[], errors: readonly string[], cwd: string = process.cwd()) {
  const index = new Map(RULES.map((rule, i) => [rule.meta.code, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'layerlint',
            version: VERSION,
            semanticVersion: VERSION,
            informationUri: 'https://github.com/layerlint/layerlint',
            rules: RULES.map(({ meta }) => ({
              id: meta.code,
              name: meta.name,
              shortDescription: { text: meta.summary },
              helpUri: ruleDocsUrl(meta.code),
              defaultConfiguration: { level: LEVEL[meta.severity] },
              properties: { fixes: [...meta.fixes] },
            })),
          },
        },
        invocations: [
          {
            executionSuccessful: errors.length === 0,
            toolExecutionNotifications: errors.map((text) => ({ level: 'error', message: { text } })),
          },
        ],
        originalUriBaseIds: { [BASE]: { uri: pathToFileURL(cwd.endsWith(sep) ? cwd : cwd + sep).href } },
        columnKind: 'unicodeCodePoints',
        results: reports.flatMap((report) => report.findings.map((finding) => result(report.display, finding, index))),
      },
    ],
  };
}

function result(display: string, finding: FindingReport, index: ReadonlyMap<string, number>) {
  const artifact = artifactLocation(display);
  const location = (range: Range) => ({ physicalLocation: { artifactLocation: artifact, region: region(range) } });
  return {
    ruleId: finding.code,
    ...(index.has(finding.code) ? { ruleIndex: index.get(finding.code) } : {}),
    level: LEVEL[finding.severity],
    message: { text: finding.message },
    locations: [location(finding.range)],
    ...(finding.related.length > 0
      ? { relatedLocations: finding.related.map((r, id) => ({ id, ...location(r.range), message: { text: r.message } })) }
      : {}),
    ...(finding.fixes.length > 0
      ? {
          fixes: finding.fixes.map((fix) => ({
            description: { text: fix.title },
            artifactChanges: [{ artifactLocation: artifact, replacements: fix.edits.map(replacement) }],
            properties: { applicability: fix.applicability, preferred: fix.preferred },
          })),
        }
      : {}),
  };
}

function artifactLocation(display: string) {
  return isAbsolute(display) ? { uri: pathToFileURL(display).href } : { uri: encodeURI(display.split(sep).join('/')), uriBaseId: BASE };
}

/** SARIF regions end at the column after the last character, as our ranges do. */
/** In a notebook, lines count within the cell that the region's `cell` property names. */
function region(range: Range) {
  const lines = { startLine: range.start.line, startColumn: range.start.column, endLine: range.end.line, endColumn: range.end.column };
  return range.start.cell === undefined ? lines : { ...lines, properties: { cell: range.start.cell } };
}

function replacement(edit: EditReport) {
  return { deletedRegion: region(edit.range), insertedContent: { text: edit.newText } };
}
