/**
 * The completion scripts, written from the commands' declarations (src/cli/declaration.ts)
 * so every subcommand and flag the parser knows is offered, and nothing else: subcommand
 * names, each command's flags, the choices of a flag that has them (--format, --client,
 * explain's codes), file names otherwise. zsh loads the bash script through bashcompinit.
 */
import { ExitCode, UsageError } from '../../base/errors.js';
import { allCodes } from '../../diagnose/explain.js';
import { CLIENT_IDS } from '../../verify/types.js';
import type { Command } from '../command.js';
import { declaration, GLOBAL_DECLARED, type Declaration } from '../declaration.js';
import type { Io } from '../io.js';
import { SHELLS, type CompletionOptions, type Shell } from './settings.js';

const BINS = ['diagnose', 'kube-tls-doctor'];

export function runCompletion(
  options: CompletionOptions,
  io: Io,
  commands: readonly Command[],
): ExitCode {
  // yargs refuses a shell not among the choices; none given is ours to refuse.
  const shell = options.shell;
  if (!shell) throw new UsageError(`completion: name a shell: ${SHELLS.join(', ')}`);
  io.stdout(completionScript(shell, commands));
  return ExitCode.pass;
}

export function completionScript(shell: Shell, commands: readonly Command[]): string {
  const declared = commands.map(declaration);
  return shell === 'fish' ? fish(declared) : bash(declared, shell === 'zsh');
}

/** Flags as typed: --long, -s, and --no-long for a boolean that defaults to true. */
function flags(d: Declaration): string[] {
  return [...d.options, ...GLOBAL_DECLARED].flatMap((o) => [
    o.type === 'boolean' && o.default === true ? `--no-${o.name}` : `--${o.name}`,
    ...o.aliases.filter((alias) => alias.length === 1).map((alias) => `-${alias}`),
  ]);
}

/** Values a flag takes, when there is a fixed list of them. */
function values(d: Declaration): [string, string[]][] {
  const out: [string, string[]][] = [];
  for (const o of d.options) {
    const list =
      o.choices ?? (o.name === 'client' ? ['heapster', 'all', ...CLIENT_IDS] : undefined);
    if (list) out.push([[`--${o.name}`, ...o.aliases.map((a) => `-${a}`)].join('|'), [...list]]);
  }
  return out;
}

function bash(declared: readonly Declaration[], zsh: boolean): string {
  const names = declared.map((d) => d.name).filter((name) => name !== '');
  const main = declared.find((d) => d.name === '');
  const cases = declared
    .map((d) => `    ${d.name === '' ? '""' : d.name}) opts="${flags(d).join(' ')}" ;;`)
    .join('\n');
  const valueCases = [
    ...new Map(declared.flatMap(values).map(([flag, list]) => [flag, list])).entries(),
  ]
    .map(
      ([flag, list]) =>
        `    ${flag}) COMPREPLY=($(compgen -W "${list.join(' ')}" -- "$cur")); return ;;`,
    )
    .join('\n');
  return `${zsh ? '#compdef diagnose kube-tls-doctor\n# zsh: eval "$(diagnose completion zsh)"\nautoload -U +X bashcompinit && bashcompinit\n' : '# bash: source <(diagnose completion bash)\n'}_kube_tls_doctor() {
  local cur=\${COMP_WORDS[COMP_CWORD]} prev=\${COMP_WORDS[COMP_CWORD-1]} cmd="" i opts
  for ((i = 1; i < COMP_CWORD; i++)); do
    case \${COMP_WORDS[i]} in
      ${names.join('|')}) cmd=\${COMP_WORDS[i]}; break ;;
    esac
  done
  case $prev in
${valueCases}
  esac
  case $cmd in
${cases}
  esac
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$opts" -- "$cur"))
  elif [[ $cmd == explain ]]; then
    COMPREPLY=($(compgen -W "${allCodes().join(' ')}" -- "$cur"))
  elif [[ $cmd == completion ]]; then
    COMPREPLY=($(compgen -W "${SHELLS.join(' ')}" -- "$cur"))
  elif [[ -z $cmd ]]; then
    COMPREPLY=($(compgen -W "${names.join(' ')}" -- "$cur") $(compgen -f -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}
complete -o filenames -F _kube_tls_doctor ${BINS.join(' ')}
${main ? '' : ''}`;
}

function fish(declared: readonly Declaration[]): string {
  const names = declared.map((d) => d.name).filter((name) => name !== '');
  const lines = ['# fish: diagnose completion fish | source'];
  for (const bin of BINS) {
    lines.push(`complete -c ${bin} -n __fish_use_subcommand -a '${names.join(' ')}'`);
    for (const d of declared) {
      const when =
        d.name === ''
          ? `not __fish_seen_subcommand_from ${names.join(' ')}`
          : `__fish_seen_subcommand_from ${d.name}`;
      if (d.name === 'explain')
        lines.push(`complete -c ${bin} -n '${when}' -f -a '${allCodes().join(' ')}'`);
      if (d.name === 'completion')
        lines.push(`complete -c ${bin} -n '${when}' -f -a '${SHELLS.join(' ')}'`);
      for (const o of [...d.options, ...GLOBAL_DECLARED]) {
        const long = o.type === 'boolean' && o.default === true ? `no-${o.name}` : o.name;
        const short = o.aliases.find((alias) => alias.length === 1);
        const list =
          o.choices ?? (o.name === 'client' ? ['heapster', 'all', ...CLIENT_IDS] : undefined);
        const takes = o.type === 'boolean' ? '' : list ? ` -x -a '${list.join(' ')}'` : ' -r';
        const help = o.describe.replace(/'/g, "\\'").split(/[;(]/)[0]?.trim() ?? '';
        lines.push(
          `complete -c ${bin} -n '${when}' -l ${long}${short ? ` -s ${short}` : ''}${takes} -d '${help}'`,
        );
      }
    }
  }
  return `${lines.join('\n')}\n`;
}
