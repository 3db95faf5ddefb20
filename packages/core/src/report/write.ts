import { join } from 'node:path';
import { writeFileAtomic } from '../io/atomic';
import { renderJUnit } from './junit';
import type { ReportFiles, StepResult } from './model';

/** The report files a step writes into outDir (also what a step checks is not one of its inputs). */
export function stepReportFiles(outDir: string, step: string): ReportFiles {
  return {
    json: join(outDir, `${step}.json`),
    markdown: join(outDir, `${step}.md`),
    junit: join(outDir, `${step}.junit.xml`),
  };
}

/** Writes `<step>.json`, `<step>.md` and `<step>.junit.xml` into outDir, each atomically. */
export async function writeStepReports(
  outDir: string,
  result: StepResult,
  markdown: string,
): Promise<ReportFiles> {
  const files = stepReportFiles(outDir, result.step);
  await writeFileAtomic(files.json, `${JSON.stringify(result, null, 2)}\n`);
  await writeFileAtomic(files.markdown, markdown);
  await writeFileAtomic(files.junit, renderJUnit(result.step, result.checks));
  return files;
}
