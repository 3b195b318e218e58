import test from 'ava';
import { listCommands } from '../../src/packaging/help-text.js';
import { renderManPage } from '../../src/packaging/man-page.js';

const facts = { version: '1.2.3', commit: '0123456789ab', epoch: 1_796_000_000 };
const overview = `hardrun <command>

Commands:
  hardrun explain          show what hardrun would refuse
                                                  [aliases: check]
  hardrun policy <action>  check FILE
  hardrun setup <target>   docker: register hardrun

Options:
  --policy  policy file
`;

test('the commands are those the overview lists, continuation lines aside', t => {
  t.deepEqual(listCommands(overview), ['explain', 'policy', 'setup']);
  t.deepEqual(listCommands('no commands here\n'), []);
});

test('help text is set verbatim: roff cannot read a line as a request, a hyphen as a break, a backslash as an escape', t => {
  const text = "--dry-run: nothing written\n.dotted line\n'quoted line\na \\n backslash\n";
  const page = renderManPage({ overview, commands: [{ name: 'setup', text }] }, facts);
  t.regex(page, /^\.TH HARDRUN 8 "2026-11-30" "hardrun 1\.2\.3"/);
  t.true(page.includes('.SS hardrun setup\n.PP\n.nf\n\\-\\-dry\\-run: nothing written\n\\&.dotted line\n\\&\'quoted line\na \\en backslash\n.fi\n'));
  t.false(/^[.'](?!TH|SH|SS|PP|nf|fi|TP|B|BR|I|IR|RI|br)/m.test(page), 'no help line became a roff request');
});
