/**
 * `.ci/run` asks here whether this machine has a browser for the tests (the same locator the
 * tests use). Prints the browser found and exits 0, or one line that says why there is none and
 * exits 1. With --install-command, prints only the command that installs one here.
 */
import { findBrowser, installCommand, noBrowser } from './locate-browser.ts';

if (process.argv.includes('--install-command')) {
  console.log(installCommand());
} else {
  const lookup = await findBrowser();
  if (lookup.found) {
    console.log(`browser for the tests: ${lookup.path} (${lookup.source})`);
  } else {
    console.log(`browser for the tests: ${noBrowser(lookup)}`);
    process.exitCode = 1;
  }
}
