/**
 * The simulate-restart story as text and markdown: per start, the CN and key the
 * apiserver serves and each client's answer against the ca.crt copied at the first
 * start; then the conclusion — the CN changed, but the trust anchor is what broke.
 */
import type { ClientAnswer, RestartSimulation, RestartStep } from '../generate/restart.js';
import { HOSTNAME_FAILURE_CODES } from '../verify/failures.js';
import { wrap } from './format.js';
import { plainStyle, type Style } from './style.js';

export function renderRestartText(sim: RestartSimulation, style: Style = plainStyle): string {
  const lines = [
    style.bold(
      `kube-apiserver ${sim.release} (row ${sim.row}), host ${sim.host}, Service IP ${sim.serviceIp}`,
    ),
    style.dim(`${regenerationRule(sim)}; ${sim.steps.length - 1} restart(s), one hour apart`),
    `ca.crt in the service-account secrets: the certificate of the first start (${sim.caCrt.commonNames.join(', ')}), key ${short(sim.caCrt.keySha256)}`,
    '',
  ];
  for (const step of sim.steps) {
    const title = step.index === 0 ? 'start' : `restart ${step.index}`;
    lines.push(
      style.bold(
        `${title}  ${step.at.toISOString()}  ${step.regenerates ? 'new certificate' : 'certificate kept'}`,
      ),
      style.dim(`  ${step.why}`),
      `  CN ${step.commonName}${changed(step, 'cn')}  key ${short(step.keySha256)}${changed(step, 'key')}  ${step.sameSans ? 'SANs unchanged' : 'SANs changed'}`,
    );
    for (const group of groups(step.answers)) {
      const mark = group.ok ? style.ok('✓') : style.fail('✗');
      const text = group.ok ? 'verifies' : (group.message ?? '');
      lines.push(`  ${mark} ${group.client.padEnd(8)} ${group.names.join(', ')}: ${text}`);
    }
    lines.push('');
  }
  lines.push(style.bold('Why'), ...conclusion(sim).map((sentence) => wrap(sentence, '  ')));
  return `${lines.join('\n')}\n`;
}

export function renderRestartMarkdown(sim: RestartSimulation): string {
  const out = [
    `## kube-apiserver ${sim.release} restarted ${sim.steps.length - 1} time(s)`,
    '',
    `Host \`${sim.host}\`, Service IP \`${sim.serviceIp}\` (row ${sim.row}); ${regenerationRule(sim)}.`,
    `The pods' \`ca.crt\` is the certificate of the first start: \`${sim.caCrt.commonNames.join('`, `')}\`, key \`${short(sim.caCrt.keySha256)}\`.`,
    '',
    `| Start | Time | Certificate | CN | Key (SHA-256) | ${sim.clients.map(cell).join(' | ')} |`,
    `| --- | --- | --- | --- | --- | ${sim.clients.map(() => '---').join(' | ')} |`,
  ];
  for (const step of sim.steps) {
    const verdicts = sim.clients.map((client) => {
      const answers = step.answers.filter((answer) => answer.client === client);
      const failed = answers.find((answer) => !answer.ok);
      return failed ? `✗ ${cell(failed.message ?? '')}` : '✓';
    });
    out.push(
      `| ${step.index === 0 ? 'start' : `restart ${step.index}`} | ${step.at.toISOString()} | ${step.regenerates ? 'new' : 'kept'} | \`${cell(step.commonName)}\`${changed(step, 'cn')} | \`${short(step.keySha256)}\`${changed(step, 'key')} | ${verdicts.join(' | ')} |`,
    );
  }
  out.push('', '### Why', '', ...conclusion(sim).map((sentence) => `- ${sentence}`));
  return `${out.join('\n')}\n`;
}

/** The conclusion, in sentences; shared by both renderers. */
export function conclusion(sim: RestartSimulation): string[] {
  const later = sim.steps.filter((step) => step.index > 0);
  const regenerated = later.filter((step) => !step.sameAsCaCrt);
  const sentences: string[] = [];
  const startFailures = sim.steps[0]?.answers.filter((answer) => !answer.ok) ?? [];
  if (startFailures.length > 0) {
    const clients = [...new Set(startFailures.map((answer) => answer.client))].join(', ');
    sentences.push(
      `Even at the first start, when ca.crt is byte-identical to the served certificate, ${clients} reject it (${[...new Set(startFailures.map((a) => a.code))].join(', ')}): see \`diagnose explain\` for each code.`,
    );
  }
  if (regenerated.length === 0) {
    sentences.push(
      sim.regenerates === 'when-missing' && !sim.loseCertDir
        ? 'The certificate survived every restart, so ca.crt still matches. Run again with --lose-cert-dir to see what happens when /var/run/kubernetes is on tmpfs.'
        : 'No restart produced a new certificate.',
    );
    return sentences;
  }
  const cns = [sim.steps[0]?.commonName, ...regenerated.map((step) => step.commonName)];
  sentences.push(
    `The CN changed with every new certificate (${cns.join(' → ')}). No client compares the CN: it contains "@", is not a hostname, and every Kubernetes certificate has SANs, which clients check instead.`,
  );
  const nameFailure = regenerated.some((step) =>
    step.answers.some((answer) => answer.code !== null && HOSTNAME_FAILURE_CODES.has(answer.code)),
  );
  if (regenerated.every((step) => step.sameSans) && !nameFailure) {
    sentences.push(
      'The names did not change either: the SANs are the same at every start, and no client reports a name mismatch.',
    );
  }
  const codes = sim.failureCodes.filter((code) => !HOSTNAME_FAILURE_CODES.has(code));
  sentences.push(
    `What changed is the key: each new certificate is signed by a new key, so the ca.crt copied at the first start no longer signs what the apiserver serves${codes.length > 0 ? ` (${codes.join(', ')})` : ''}. The trust anchor went stale, not the hostname.`,
    'Fix: serve a certificate from a CA you keep (--tls-cert-file/--tls-private-key-file), or at least keep --cert-dir on persistent storage; point kube-controller-manager --root-ca-file at the current CA and restart it (it rewrites ca.crt in token secrets that differ), recreate token secrets that lack it, and restart the clients (they read ca.crt once).',
  );
  return sentences;
}

interface AnswerGroup {
  readonly client: string;
  readonly ok: boolean;
  readonly message: string | null;
  readonly names: string[];
}

/** One line per client and distinct answer, listing the names that got it. */
function groups(answers: readonly ClientAnswer[]): AnswerGroup[] {
  const found: AnswerGroup[] = [];
  for (const answer of answers) {
    const same = found.find(
      (group) =>
        group.client === answer.client &&
        group.ok === answer.ok &&
        group.message === answer.message,
    );
    if (same) same.names.push(answer.name);
    else
      found.push({
        client: answer.client,
        ok: answer.ok,
        message: answer.message,
        names: [answer.name],
      });
  }
  return found;
}

function regenerationRule(sim: RestartSimulation): string {
  if (sim.regenerates === 'every-start')
    return 'this release generates a new certificate on every start';
  return sim.loseCertDir
    ? 'this release reuses apiserver.crt/.key when present, but the cert dir is lost at every restart'
    : 'this release reuses apiserver.crt/.key when present';
}

function changed(step: RestartStep, what: 'cn' | 'key'): string {
  if (step.index === 0 || step.sameAsCaCrt) return '';
  return what === 'cn' ? ' (new)' : ' (new)';
}

function short(hex: string): string {
  return hex.slice(0, 16);
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
