// Parses and validates an AsyncAPI document with the AsyncAPI parser (its JSON Schema of the spec and its Spectral
// rules); prints every diagnostic and exits non-zero on an error or a warning: the document is generated, so it can
// stay clean. Usage: node parse.mjs <document>
import { Parser, fromFile } from '@asyncapi/parser';

const [file] = process.argv.slice(2);
const SEVERITIES = ['error', 'warning', 'info', 'hint'];
const { document, diagnostics } = await fromFile(new Parser(), file).parse();
for (const diagnostic of diagnostics) {
  console.log(`${SEVERITIES[diagnostic.severity]} ${diagnostic.code} at /${diagnostic.path.join('/')}: ${diagnostic.message}`);
}
const failures = diagnostics.filter(diagnostic => diagnostic.severity <= 1).length;
console.log(`${file}: ${document ? 'parsed' : 'not parsed'}, ${failures} errors or warnings, ${diagnostics.length - failures} other diagnostics`);
process.exit(document && failures === 0 ? 0 : 1);
