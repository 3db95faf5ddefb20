import { join } from 'node:path';
import { writeFileAtomic } from '../io/atomic';
import { renderJUnit } from './junit';
import type { ReportFiles, StepResult } from './model';

/** Writes `<step>.json`, `<step>.md` and `<step>.junit.xml` into outDir, each atomically. */
export async function writeStepReports(
  outDir: string,
  result: StepResult,
  markdown: string,
): Promise<ReportFiles> {
  const files: ReportFiles = {
    json: join(outDir, `${result.step}.json`),
    markdown: join(outDir, `${result.step}.md`),
    junit: join(outDir, `${result.step}.junit.xml`),
  };
  await writeFileAtomic(files.json, `${JSON.stringify(result, null, 2)}\n`);
  await writeFileAtomic(files.markdown, markdown);
  await writeFileAtomic(files.junit, renderJUnit(result.step, result.checks));
  return files;
}
