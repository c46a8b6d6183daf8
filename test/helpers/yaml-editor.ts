/**
 * rails.yaml as an editor sees it: the YAML language service that the VS Code YAML extension
 * runs (yaml-language-server), finding the schema through the file's own modeline, as it does
 * for a contributor. Completion, hover and inline errors at a line and column.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService } from 'yaml-language-server';

export interface YamlEditor {
  complete(line: number, character: number): Promise<string[]>;
  hover(line: number, character: number): Promise<string>;
  problems(): Promise<Array<{ line: number; message: string }>>;
}

/** The language service caches parsed documents by URI and version: each text gets a version of its own. */
let version = 0;

/** `file` is where the text would live (its modeline resolves from there); `text` what it holds. */
export function openInEditor(file: string, text: string): YamlEditor {
  const service = getLanguageService({
    schemaRequestService: async (uri) => readFileSync(fileURLToPath(uri), 'utf8'),
    workspaceContext: { resolveRelativePath: (relative, resource) => new URL(relative, resource).href },
  });
  service.configure({ validate: true, completion: true, hover: true, schemas: [] });
  const document = TextDocument.create(pathToFileURL(file).href, 'yaml', (version += 1), text);
  return {
    complete: async (line, character) => (await service.doComplete(document, { line, character }, false)).items.map((item) => item.label),
    hover: async (line, character) => {
      const hover = await service.doHover(document, { line, character });
      const contents = hover?.contents;
      return typeof contents === 'object' && contents !== null && 'value' in contents ? String(contents.value) : '';
    },
    problems: async () => (await service.doValidation(document, false)).map((d) => ({ line: d.range.start.line, message: typeof d.message === 'string' ? d.message : d.message.value })),
  };
}
