import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * LibreOffice for the document tier: converts generated .docx to PDF the way an office PC
 * would open them. Each conversion gets a private user profile (-env:UserInstallation), so
 * parallel test files — or two agents on one machine — never fight over ~/.config/libreoffice.
 */

const CANDIDATES = ['/usr/bin/soffice', '/usr/bin/libreoffice', '/usr/lib/libreoffice/program/soffice', '/opt/libreoffice/program/soffice', '/Applications/LibreOffice.app/Contents/MacOS/soffice'];

/** The soffice binary: $LUODI_LIBREOFFICE, else the usual places, else `soffice` on PATH; null when absent. */
export function findLibreOffice(): string | null {
  const env = process.env['LUODI_LIBREOFFICE'];
  if (env) return existsSync(env) ? env : null;
  for (const c of CANDIDATES) if (existsSync(c)) return c;
  for (const name of ['soffice', 'libreoffice']) {
    try {
      const found = execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
      if (found) return found;
    } catch {
      // not on PATH
    }
  }
  return null;
}

/** pdftotext (poppler-utils), for the text check; null when absent (the check is then skipped). */
export function findPdfToText(): string | null {
  for (const c of ['/usr/bin/pdftotext', '/usr/local/bin/pdftotext', '/opt/homebrew/bin/pdftotext']) if (existsSync(c)) return c;
  return null;
}

/**
 * Converts documents to PDF in one LibreOffice run (its start-up dominates the cost). Returns
 * the PDF bytes by name; throws with LibreOffice's output when a PDF is missing.
 */
export async function convertToPdf(docs: { name: string; docx: Buffer }[], opts: { timeoutMs?: number } = {}): Promise<Map<string, Buffer>> {
  const soffice = findLibreOffice();
  if (!soffice) throw new Error('LibreOffice not found (apt-get install -y libreoffice-writer-nogui)');
  const dir = mkdtempSync(join(tmpdir(), 'luodi-lo-'));
  const profile = join(dir, 'profile');
  try {
    const files = docs.map((d, i) => {
      const file = join(dir, `doc${i}.docx`);
      writeFileSync(file, d.docx);
      return file;
    });
    const args = ['--headless', '--norestore', '--nolockcheck', `-env:UserInstallation=${pathToFileURL(profile).href}`, '--convert-to', 'pdf', '--outdir', dir, ...files];
    const log = await new Promise<string>((resolve, reject) => {
      execFile(soffice, args, { timeout: opts.timeoutMs ?? 150_000, killSignal: 'SIGKILL', env: { ...process.env, HOME: dir } }, (err, stdout, stderr) => {
        if (err) reject(new Error(`soffice failed: ${err.message}\n${stdout}\n${stderr}`));
        else resolve(`${stdout}\n${stderr}`);
      });
    });
    const out = new Map<string, Buffer>();
    docs.forEach((d, i) => {
      const pdf = join(dir, `doc${i}.pdf`);
      if (!existsSync(pdf)) throw new Error(`no PDF for ${d.name}; LibreOffice said:\n${log}`);
      out.set(d.name, readFileSync(pdf));
    });
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Pages of a PDF, from its page objects (LibreOffice writes them uncompressed). */
export function pdfPageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
}

/** The PDF's text through pdftotext, or null when pdftotext is not installed. */
export function pdfText(pdf: Buffer): string | null {
  const bin = findPdfToText();
  if (!bin) return null;
  return execFileSync(bin, ['-enc', 'UTF-8', '-', '-'], { input: pdf, encoding: 'utf8', maxBuffer: 32 * 1024 * 1024 });
}
