import { writeFile } from 'node:fs/promises';
import { Command } from 'commander';
import { ProfileDocumentError, renderProfileHtml } from '@dataset-profiler/viewer';
import { InvalidInputError } from '../errors.js';
import { readJsonFile } from '../readJsonFile.js';

export const viewCommand = (): Command =>
  new Command('view')
      .summary('render a profile as a self-contained HTML page')
    .description('Render a profile as one self-contained HTML page (no network needed to open it).')
    .argument('<profile.json>', 'what fetch or profile wrote: the profiles of a job, or one Croissant profile')
    .option('--out <file>', 'write the page to FILE instead of standard output')
    .action(async (file: string, flags: { out?: string }) => {
      const html = renderOrReject(await readJsonFile(file, 'profile'), file);
      if (flags.out) await writeFile(flags.out, html);
      else process.stdout.write(html);
    });

function renderOrReject(document: unknown, file: string): string {
  try {
    return renderProfileHtml(document);
  } catch (error) {
    if (error instanceof ProfileDocumentError) throw new InvalidInputError(`${file}: ${error.message}`, { cause: error });
    throw error;
  }
}
