/** Once per vitest run: an id that lets browser test files share one site build (helpers/built-site.ts). */
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    runId: string;
  }
}

export default function setup(project: TestProject): void {
  project.provide('runId', `${Date.now()}-${process.pid}`);
}
