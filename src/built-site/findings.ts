/**
 * Turns broken links of the built site into gate diagnostics: the built page and the spot in
 * its HTML, what kind of target broke, and the source page that produced the built one.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { DiagnosticCode } from '../core/codes.ts';
import { joinConfined } from '../core/confine.ts';
import { PAGE_EXTENSIONS } from '../core/page-files.ts';
import type { Diagnostic } from '../core/types.ts';
import type { BrokenLink } from './scan-dist.ts';

export interface FindingContext {
  /** Absolute path of the site root; positions are relative to it. */
  siteRoot: string;
  /** Absolute path of the scanned build output. */
  distDir: string;
  /** Absolute path of the docs content folder, to name the source page. */
  docsDir: string;
  /** The URL path the site is served under (Astro's `base`); `/` when not given. */
  base?: string;
}

/** Files a reader's browser fetches as part of a page rather than navigates to. */
const ASSET = /\.(svg|png|jpe?g|gif|webp|avif|ico|css|m?js|json|woff2?|ttf|otf|wasm|pf_\w+)$/i;

export function brokenLinkDiagnostic(broken: BrokenLink, context: FindingContext): Diagnostic {
  const target = broken.target;
  const page = builtFile(broken.parentFile, context.distDir);
  const position = page ? locateInHtml(page, target, broken.written) : { line: 1, column: 1 };
  const file = page ? relativeToSite(page, context.siteRoot) : relativeToSite(context.distDir, context.siteRoot);
  const source = page ? sourcePageOf(page, context) : undefined;
  const from = source ? ` (built from ${source})` : '';
  const { code, message, suggestion } = describe(target, broken);
  // A missing asset is usually site-wide (a favicon, a stylesheet), not one page's doing.
  return {
    code,
    severity: 'error',
    position: { file, ...position },
    subject: target,
    message: `${message}${from}`,
    suggestion: source && code !== 'built-asset-missing' ? `${suggestion} in ${source}` : suggestion,
  };
}

function describe(target: string, broken: BrokenLink): { code: DiagnosticCode; message: string; suggestion: string } {
  if (/^[a-z]+:/i.test(target)) {
    return {
      code: 'built-external-broken',
      message: `${target} does not answer (HTTP ${broken.status || 'error'}${broken.detail ? `: ${broken.detail}` : ''})`,
      suggestion: 'Fix or drop the link',
    };
  }
  const hash = target.indexOf('#');
  if (hash >= 0 && broken.status >= 200 && broken.status < 300) {
    return {
      code: 'built-fragment-missing',
      message: `The built page ${target.slice(0, hash)} has no element with id "${target.slice(hash + 1)}"`,
      suggestion: 'Link to a heading or row id that the built page really has',
    };
  }
  const pathOnly = hash >= 0 ? target.slice(0, hash) : target;
  if (ASSET.test(pathOnly)) {
    return {
      code: 'built-asset-missing',
      message: `The build does not produce ${pathOnly} (HTTP ${broken.status || 'error'}), so the browser fails to load it`,
      suggestion: 'Add the file under public/, or fix the page or config that references it',
    };
  }
  return {
    code: 'built-link-broken',
    message: `No built page answers ${pathOnly} (HTTP ${broken.status || 'error'})`,
    suggestion: 'Link to a page that exists',
  };
}

/** The page or stylesheet that holds the reference, when it is still there. */
function builtFile(parentFile: string, distDir: string): string | undefined {
  const file = joinConfined(distDir, parentFile);
  return file !== undefined && existsSync(file) ? file : undefined;
}

/** Line and column of the first attribute or `url()` that references `target`, else the file start. */
function locateInHtml(file: string, target: string, written: string | undefined): { line: number; column: number } {
  const html = readFileSync(file, 'utf8');
  const bare = target.split('#')[0]!;
  const spellings = written === undefined ? [] : [`"${written}"`, `'${written}'`, `(${written})`];
  const candidates = [...spellings, `"${target}"`, `"${bare}"`, `"${target.slice(target.indexOf('#'))}"`, `'${target}'`];
  for (const candidate of candidates) {
    const at = html.indexOf(candidate);
    if (at >= 0) return lineColumn(html, at + 1);
  }
  return { line: 1, column: 1 };
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** `dist/a/b/index.html` -> `src/content/docs/a/b.md` (or another page extension, or `a/b/index.md`) when it exists. */
export function sourcePageOf(builtFile: string, context: FindingContext): string | undefined {
  const route = path.relative(context.distDir, builtFile).split(path.sep).join('/').replace(/(^|\/)index\.html$/, '').replace(/\.html$/, '');
  const stems = route === '' ? ['index'] : [route, `${route}/index`];
  for (const stem of stems) {
    for (const extension of PAGE_EXTENSIONS) {
      const candidate = path.join(context.docsDir, ...stem.split('/')) + extension;
      if (existsSync(candidate)) return relativeToSite(candidate, context.siteRoot);
    }
  }
  return undefined;
}

function relativeToSite(file: string, siteRoot: string): string {
  return path.relative(siteRoot, file).split(path.sep).join('/');
}
