// Shell completion scripts. The command tree (subcommands and flags per path) is embedded as
// data, so completion needs no call back into istioctl and works offline.
import type { Command } from 'commander';

export interface TreeNode {
  path: string;
  commands: string[];
  flags: string[];
}

export function commandTree(root: Command): TreeNode[] {
  const out: TreeNode[] = [];
  const visit = (c: Command, path: string, inherited: string[]) => {
    const own = c.options.flatMap((o) => [o.long, o.short].filter((f): f is string => !!f && !o.hidden));
    const flags = [...new Set([...inherited, ...own])].sort();
    const visible = c.commands.filter((s) => !(s as unknown as { _hidden?: boolean })._hidden);
    out.push({ path, commands: visible.flatMap((s) => [s.name(), ...s.aliases()]).sort(), flags });
    for (const s of visible)
      for (const n of [s.name(), ...s.aliases()]) visit(s, path ? `${path} ${n}` : n, flags);
  };
  visit(root, '', []);
  return out;
}

function caseTable(tree: TreeNode[], fmt: (n: TreeNode) => string): string {
  return tree.map(fmt).join('\n');
}

export function completionScript(shell: 'bash' | 'zsh' | 'fish' | 'powershell', tree: TreeNode[]): string {
  const words = (n: TreeNode) => [...n.commands, ...n.flags].join(' ');
  switch (shell) {
    case 'bash':
    case 'zsh': {
      const body = caseTable(tree, (n) => `    "${n.path}") words="${words(n)}" ;;`);
      const head = shell === 'zsh' ? '#compdef istioctl\nautoload -U +X bashcompinit && bashcompinit\n' : '';
      return `${head}# istioctl completion for ${shell}
_istioctl_completions() {
  local cur path="" w words i
  cur="\${COMP_WORDS[COMP_CWORD]}"
  for ((i = 1; i < COMP_CWORD; i++)); do
    w="\${COMP_WORDS[i]}"
    [[ "$w" == -* ]] && continue
    case " $(_istioctl_words "$path") " in *" $w "*) path="\${path:+$path }$w" ;; esac
  done
  COMPREPLY=($(compgen -W "$(_istioctl_words "$path")" -- "$cur"))
}
_istioctl_words() {
  local words=""
  case "$1" in
${body}
  esac
  echo "$words"
}
complete -o default -F _istioctl_completions istioctl
`;
    }
    case 'fish': {
      const lines = tree.flatMap((n) => {
        const cond = n.path ? `__fish_istioctl_path_is '${n.path}'` : `__fish_istioctl_path_is ''`;
        return [
          ...n.commands.map((c) => `complete -c istioctl -f -n "${cond}" -a ${c}`),
          ...n.flags
            .filter((f) => f.startsWith('--'))
            .map((f) => `complete -c istioctl -n "${cond}" -l ${f.slice(2)}`),
        ];
      });
      return `# istioctl completion for fish
function __fish_istioctl_path_is
  set -l words (commandline -opc)
  set -e words[1]
  set -l path (string join ' ' (string match -v -- '-*' $words))
  test "$path" = "$argv[1]"
end
${lines.join('\n')}
`;
    }
    case 'powershell': {
      const body = caseTable(
        tree,
        (n) =>
          `    '${n.path}' { $words = @(${[...n.commands, ...n.flags].map((w) => `'${w}'`).join(', ')}) }`,
      );
      return `# istioctl completion for powershell
Register-ArgumentCompleter -Native -CommandName istioctl -ScriptBlock {
  param($wordToComplete, $commandAst, $cursorPosition)
  $parts = @($commandAst.CommandElements | Select-Object -Skip 1 | ForEach-Object { $_.ToString() } | Where-Object { $_ -notlike '-*' -and $_ -ne $wordToComplete })
  $path = $parts -join ' '
  $words = @()
  switch ($path) {
${body}
  }
  $words | Where-Object { $_ -like "$wordToComplete*" } | ForEach-Object {
    [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
  }
}
`;
    }
  }
}
